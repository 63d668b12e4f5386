// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title CidLib
/// @notice Stores an `ipfs://` URI of a CIDv1 (base32, sha2-256) as its codec and digest, and rebuilds it on read.
/// @dev A 66-byte `ipfs://bafkrei…` URI takes three storage slots as a string; its digest takes one. Only the
/// canonical form is recognised (lowercase base32 with the `b` multibase prefix, version 1, a codec of one or two
/// varint bytes, sha2-256, no path), so rebuilding gives back exactly the string that was given; any other URI is
/// stored as it is.
library CidLib {
    /// @dev "ipfs://b": the scheme and the base32 multibase prefix.
    uint256 private constant _PREFIX_LENGTH = 8;
    bytes8 private constant _PREFIX = "ipfs://b";
    bytes32 private constant _ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    /// @notice Parses `uri` as a canonical `ipfs://` CIDv1 with a sha2-256 digest.
    /// @return codec The multicodec of the content (non-zero), or 0 when `uri` is not such a URI.
    /// @return digest The sha2-256 digest.
    function parse(bytes memory uri) internal pure returns (uint16 codec, bytes32 digest) {
        uint256 length = uri.length;
        // 36 bytes (one-byte codec) are 58 base32 characters, 37 bytes (two-byte codec) are 60.
        if (length != _PREFIX_LENGTH + 58 && length != _PREFIX_LENGTH + 60) return (0, 0);
        if (bytes8(_read(uri, 0)) != _PREFIX) return (0, 0);

        bool twoByteCodec = length == _PREFIX_LENGTH + 60;
        (bool ok, uint256 head, uint256 tail, uint256 tailBits) = _decodeBase32(uri);
        if (!ok) return (0, 0);
        // The canonical encoding pads the last character with zero bits: 2 of them (one-byte codec) or 4.
        uint256 padding = twoByteCodec ? 4 : 2;
        if (tail & (twoByteCodec ? 0xf : 0x3) != 0) return (0, 0);
        tail >>= padding;
        tailBits -= padding;

        // head: 200 bits = 25 bytes. Byte 0 is the version, then the codec varint, then 0x12 0x20 (sha2-256, 32
        // bytes), then the start of the digest.
        uint256 headerBytes = twoByteCodec ? 5 : 4;
        if ((head >> 192) != 0x01) return (0, 0);
        uint256 codecBits;
        if (twoByteCodec) {
            uint256 low = (head >> 184) & 0xff;
            uint256 high = (head >> 176) & 0xff;
            // A two-byte varint: continuation bit on the first byte only, no redundant high byte.
            if (low < 0x80 || high == 0 || high >= 0x80) return (0, 0);
            codecBits = (low & 0x7f) | (high << 7);
        } else {
            codecBits = (head >> 184) & 0xff;
            if (codecBits == 0 || codecBits >= 0x80) return (0, 0);
        }
        uint256 multihashShift = 200 - 8 * (headerBytes);
        if ((head >> multihashShift) & 0xffff != 0x1220) return (0, 0);

        uint256 digestBitsInHead = multihashShift; // what is left of head after the header
        digest = bytes32(((head & (type(uint256).max >> (256 - digestBitsInHead))) << tailBits) | tail);
        // 256 digest bits in all.
        if (digestBitsInHead + tailBits != 256) return (0, 0);
        // forge-lint: disable-next-line(unsafe-typecast) — at most 14 bits (a two-byte varint)
        codec = uint16(codecBits);
    }

    /// @notice Rebuilds the `ipfs://` URI of a CIDv1 with `codec` and a sha2-256 `digest`.
    function toURI(uint16 codec, bytes32 digest) internal pure returns (string memory) {
        // The codec's varint: one byte when `codec < 0x80`, else two (at most 14 bits).
        // forge-lint: disable-start(unsafe-typecast)
        bytes memory cid = codec < 0x80
            ? abi.encodePacked(uint8(1), uint8(codec), uint16(0x1220), digest)
            : abi.encodePacked(
                uint8(1), uint8(codec & 0x7f) | 0x80, uint8(codec >> 7), uint16(0x1220), digest
            );
        // forge-lint: disable-end(unsafe-typecast)
        uint256 characters = (cid.length * 8 + 4) / 5;
        bytes memory out = new bytes(_PREFIX_LENGTH + characters);
        for (uint256 i; i < _PREFIX_LENGTH; ++i) {
            out[i] = _PREFIX[i];
        }
        uint256 buffer;
        uint256 bits;
        uint256 next = _PREFIX_LENGTH;
        for (uint256 i; i < cid.length; ++i) {
            buffer = (buffer << 8) | uint8(cid[i]);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[next++] = _ALPHABET[(buffer >> bits) & 31];
            }
        }
        if (bits != 0) out[next] = _ALPHABET[(buffer << (5 - bits)) & 31];
        return string(out);
    }

    /// @dev Decodes the base32 characters after the prefix into the CID's bits, most significant first: the first
    /// 40 characters (200 bits: version, codec, multihash header and the start of the digest) into `head`, the rest
    /// (90 or 100 bits) into `tail`. `ok` is false on a character outside the alphabet.
    function _decodeBase32(bytes memory uri)
        private
        pure
        returns (bool ok, uint256 head, uint256 tail, uint256 tailBits)
    {
        uint256 length = uri.length;
        for (uint256 i = _PREFIX_LENGTH; i < length; ++i) {
            uint256 value = _decode(uint8(uri[i]));
            if (value > 31) return (false, 0, 0, 0);
            if (i < _PREFIX_LENGTH + 40) {
                head = (head << 5) | value;
            } else {
                tail = (tail << 5) | value;
                tailBits += 5;
            }
        }
        ok = true;
    }

    /// @dev The value of a base32 (RFC 4648, lowercase) character, or 32 when it is not one.
    function _decode(uint8 c) private pure returns (uint256) {
        if (c >= 0x61 && c <= 0x7a) return c - 0x61; // a-z
        if (c >= 0x32 && c <= 0x37) return c - 0x32 + 26; // 2-7
        return 32;
    }

    /// @dev The 32 bytes of `data` from `offset` (`data` is at least `offset + 32` bytes long).
    function _read(bytes memory data, uint256 offset) private pure returns (bytes32 word) {
        assembly ("memory-safe") {
            word := mload(add(add(data, 0x20), offset))
        }
    }
}
