import { reputationRegistryAbi } from '@conclave/sdk/abis';
import { agent, attestation, performanceSnapshot, protocolStat, rating } from 'ponder:schema';
import { indexContract } from './lib/audit';
import { setParameter } from './lib/roles';


indexContract('ReputationRegistry', reputationRegistryAbi, {
  ValidationRequest: async ({ event, context }) => {
    const a = event.args;
    await context.db.insert(attestation).values({
      id: a.requestHash,
      agentId: a.agentId,
      validator: a.validatorAddress,
      requestURI: a.requestURI,
      requestedAt: event.block.timestamp,
    });
  },
  ValidationResponse: async ({ event, context }) => {
    const a = event.args;
    const response = {
      validator: a.validatorAddress,
      response: a.response,
      responseURI: a.responseURI,
      responseHash: a.responseHash,
      tag: a.tag,
      respondedAt: event.block.timestamp,
    };
    await context.db
      .insert(attestation)
      .values({ id: a.requestHash, agentId: a.agentId, ...response })
      .onConflictDoUpdate(response);
  },
  // The weight is emitted just before the rating it belongs to (NewFeedback): one row, filled in twice.
  FeedbackWeighted: async ({ event, context }) => {
    const a = event.args;
    await context.db.insert(rating).values({
      id: `${a.agentId}:${a.clientAddress.toLowerCase()}:${a.feedbackIndex}`,
      agentId: a.agentId,
      client: a.clientAddress,
      feedbackIndex: Number(a.feedbackIndex),
      value: 0n,
      valueDecimals: 0,
      tag1: '',
      tag2: '',
      endpoint: '',
      feedbackURI: '',
      feedbackHash: '0x0000000000000000000000000000000000000000000000000000000000000000',
      weight: a.weight,
      timestamp: event.block.timestamp,
    });
  },
  NewFeedback: async ({ event, context }) => {
    const a = event.args;
    const details = {
      value: a.value,
      valueDecimals: a.valueDecimals,
      tag1: a.tag1,
      tag2: a.tag2,
      endpoint: a.endpoint,
      feedbackURI: a.feedbackURI,
      feedbackHash: a.feedbackHash,
    };
    await context.db
      .insert(rating)
      .values({
        id: `${a.agentId}:${a.clientAddress.toLowerCase()}:${a.feedbackIndex}`,
        agentId: a.agentId,
        client: a.clientAddress,
        feedbackIndex: Number(a.feedbackIndex),
        weight: 0n,
        timestamp: event.block.timestamp,
        ...details,
      })
      .onConflictDoUpdate(details);
  },
  PerformanceUpdated: async ({ event, context }) => {
    const a = event.args;
    // Read before the update (Ponder's cache may hand back the same row object the update changes).
    const before = await context.db.find(agent, { id: a.agentId });
    const counted = (before?.tasks ?? 0) > 0;
    const previous = counted ? (before?.completionRate ?? 0n) : 0n;
    const tasks = Number(a.tasks);
    await context.db.update(agent, { id: a.agentId }).set({
      score: a.score,
      multiplier: a.multiplier,
      completionRate: a.completionRate,
      tasks,
      successes: Number(a.successes),
      ratings: Number(a.ratings),
      updatedAt: event.block.timestamp,
    });
    await context.db.insert(performanceSnapshot).values({
      id: event.id,
      agentId: a.agentId,
      score: a.score,
      multiplier: a.multiplier,
      completionRate: a.completionRate,
      tasks,
      successes: Number(a.successes),
      ratings: Number(a.ratings),
      blockNumber: event.block.number,
      timestamp: event.block.timestamp,
    });
    // The protocol's average completion rate, over agents with attested tasks.
    if (tasks === 0) return;
    await context.db.update(protocolStat, { id: 'protocol' }).set((row) => {
      const completionRateSum = row.completionRateSum - previous + a.completionRate;
      const agentsWithTasks = row.agentsWithTasks + (counted ? 0 : 1);
      return {
        completionRateSum,
        agentsWithTasks,
        averageCompletionRate: completionRateSum / BigInt(agentsWithTasks),
      };
    });
  },
  ValidatorSet: async ({ event, context }) => {
    const a = event.args;
    await setParameter(context, 'ReputationRegistry', `validator:${a.validator.toLowerCase()}`, String(a.allowed), event.block.timestamp);
  },
  SuccessThresholdSet: async ({ event, context }) => {
    await setParameter(context, 'ReputationRegistry', 'successThreshold', String(event.args.newThreshold), event.block.timestamp);
  },
  CompletionWindowSet: async ({ event, context }) => {
    await setParameter(context, 'ReputationRegistry', 'completionWindow', String(event.args.newWindow), event.block.timestamp);
  },
});

