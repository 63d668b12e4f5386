export {
  type ChannelPayload,
  type ChannelRequirementsExtra,
  SCHEME,
  channelFacilitator,
  channelSchemeClient,
  channelSchemeServer,
  decodePayload,
  encodePayload,
  invalidReasons,
  networkOf,
} from './scheme.js';
export { type CreateToolSellerParameters, MCP_PAYMENT, MCP_PAYMENT_RESPONSE, type ToolSeller, createToolSeller } from './seller.js';
export {
  ConclavePaymentRefusedError,
  type CreateToolBuyerParameters,
  type PaidResult,
  type PaymentRefusal,
  type ToolBuyer,
  createToolBuyer,
} from './buyer.js';
export { fileStore } from './fileStore.js';
