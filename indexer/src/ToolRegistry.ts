import { toolRegistryAbi } from '@conclave/sdk/abis';
import { tool } from 'ponder:schema';
import { indexContract } from './lib/audit';

const statuses = ['None', 'Active', 'Paused', 'Retired'] as const;

indexContract('ToolRegistry', toolRegistryAbi, {
  ToolListed: async ({ event, context }) => {
    const a = event.args;
    await context.db.insert(tool).values({
      id: a.toolId,
      providerAgentId: a.providerAgentId,
      token: a.token,
      pricePerCall: a.pricePerCall,
      metadataURI: a.metadataURI,
      endpoint: a.endpoint,
      status: 'Active',
      listedAt: event.block.timestamp,
      updatedAt: event.block.timestamp,
    });
  },
  ToolPriceChanged: async ({ event, context }) => {
    const a = event.args;
    await context.db.update(tool, { id: a.toolId }).set({ pricePerCall: a.newPrice, updatedAt: event.block.timestamp });
  },
  ToolUpdated: async ({ event, context }) => {
    const a = event.args;
    await context.db
      .update(tool, { id: a.toolId })
      .set({ metadataURI: a.metadataURI, endpoint: a.endpoint, updatedAt: event.block.timestamp });
  },
  ToolStatusChanged: async ({ event, context }) => {
    const a = event.args;
    await context.db
      .update(tool, { id: a.toolId })
      .set({ status: statuses[a.newStatus] ?? 'None', updatedAt: event.block.timestamp });
  },
});
