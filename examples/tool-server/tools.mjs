// The two demo tools: their MCP descriptions (listed on-chain by CID) and what they do.
import { createHash } from 'node:crypto';

export const demoTools = [
  {
    name: 'text-stats',
    description: 'Counts the words, characters and lines of a text.',
    inputSchema: {
      type: 'object',
      properties: { text: { type: 'string', description: 'The text to measure' } },
      required: ['text'],
    },
    run: ({ text }) => ({
      words: text.split(/\s+/).filter(Boolean).length,
      characters: [...text].length,
      lines: text === '' ? 0 : text.split('\n').length,
    }),
  },
  {
    name: 'sha256',
    description: 'The SHA-256 digest of a text (UTF-8), in hex.',
    inputSchema: {
      type: 'object',
      properties: { text: { type: 'string', description: 'The text to hash' } },
      required: ['text'],
    },
    run: ({ text }) => ({ sha256: createHash('sha256').update(text, 'utf8').digest('hex') }),
  },
];

/** The tool's MCP description, as its on-chain metadata CID commits to. */
export const describe = ({ name, description, inputSchema }) => ({ name, description, inputSchema });

/** Checks a call's arguments against the (simple) input schema: a string `text`. */
export function validArguments(args) {
  return args !== null && typeof args === 'object' && typeof args.text === 'string';
}
