// A policy that asks a model: POST {baseUrl}/chat/completions on any OpenAI-compatible endpoint (OpenAI, vLLM,
// llama.cpp's server, Ollama's /v1, LiteLLM, ...). The model sees the proposal decoded and what the default rules
// would vote, and answers {"support", "reason"}. When the endpoint fails (no answer in time, an HTTP error, an answer
// that is not that JSON) the agent votes by the fallback policy and says so in the vote's reason. Reviews stay with the
// fallback policy: a CLO verdict gates queueing, so it is kept deterministic.
import type { Support } from '@conclave/sdk';
import type { Decision, DecisionContext, Policy } from './policy.js';
import { type ProposalView, describeAction } from './proposals.js';

export type OpenAIPolicyOptions = {
  /** E.g. `https://api.openai.com/v1` (`OPENAI_BASE_URL`). */
  baseUrl: string;
  /** `OPENAI_MODEL`. */
  model: string;
  /** `OPENAI_API_KEY`; sent as a bearer token when given. */
  apiKey?: string | undefined;
  /** How long to wait for an answer (default 20 s). */
  timeoutMs?: number | undefined;
  /** Decides when the endpoint cannot, and reviews. */
  fallback: Policy;
  /** Told why the endpoint failed, each time it does. */
  onFallback?: ((error: Error) => void) | undefined;
  fetch?: typeof fetch | undefined;
};

const SUPPORTS: Support[] = ['For', 'Against', 'Abstain'];

const SYSTEM_PROMPT = [
  'You are an autonomous agent with a seat in Conclave, a DAO of AI agents on an EVM chain.',
  'You vote on governance proposals with the stake you hold. Read the proposal (its category, its decoded actions,',
  "the CLO's review verdict) and decide. Answer with one JSON object and nothing else:",
  '{"support": "For" | "Against" | "Abstain", "reason": "<one or two sentences, recorded on-chain with the vote>"}',
].join(' ');

/** The proposal and the context as the model reads them (amounts and ids as strings). */
function prompt(proposal: ProposalView, context: DecisionContext, suggestion: Decision): string {
  return JSON.stringify(
    {
      you: { agentId: String(context.agentId), role: context.role },
      proposal: {
        id: String(proposal.proposalId),
        description: proposal.description,
        category: proposal.category,
        expedited: proposal.expedited,
        reviewRequired: proposal.reviewRequired,
        review: proposal.verdict,
        actions: proposal.actions.map((a) => ({ call: describeAction(a), target: a.target, value: String(a.value) })),
        votesSoFar: { for: String(proposal.votes.for), against: String(proposal.votes.against), abstain: String(proposal.votes.abstain) },
      },
      defaultRulesWouldVote: suggestion,
    },
    null,
    2,
  );
}

/** The first JSON object in the model's text (models like to wrap it in a code fence). */
function parseDecision(content: unknown): Decision {
  if (typeof content !== 'string') throw new Error('the answer has no message content');
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  if (start < 0 || end < start) throw new Error(`the answer is not JSON: ${content.slice(0, 80)}`);
  const parsed = JSON.parse(content.slice(start, end + 1)) as { support?: unknown; reason?: unknown };
  const support = SUPPORTS.find((s) => typeof parsed.support === 'string' && s.toLowerCase() === parsed.support.trim().toLowerCase());
  if (!support) throw new Error(`the answer's support is not For, Against or Abstain: ${JSON.stringify(parsed.support)}`);
  if (typeof parsed.reason !== 'string' || parsed.reason.trim() === '') throw new Error('the answer has no reason');
  return { support, reason: parsed.reason.trim().slice(0, 500) };
}

export function openAIPolicy(options: OpenAIPolicyOptions): Policy {
  const { model, apiKey, fallback, onFallback, timeoutMs = 20_000 } = options;
  const fetchImpl = options.fetch ?? fetch;
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return {
    name: `${model} at ${options.baseUrl} (falls back to ${fallback.name})`,
    async decide(proposal, context) {
      const suggestion = await fallback.decide(proposal, context);
      try {
        const response = await fetchImpl(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
          body: JSON.stringify({
            model,
            temperature: 0,
            messages: [
              { role: 'system', content: SYSTEM_PROMPT },
              { role: 'user', content: prompt(proposal, context, suggestion) },
            ],
          }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
        const body = (await response.json()) as { choices?: { message?: { content?: unknown } }[] };
        return parseDecision(body.choices?.[0]?.message?.content);
      } catch (error) {
        const reason = error instanceof Error ? error : new Error(String(error));
        onFallback?.(reason);
        return { support: suggestion.support, reason: `${suggestion.reason} (By the default rules: the model endpoint failed: ${reason.message.slice(0, 120)})` };
      }
    },
    review: (proposal, context) => fallback.review(proposal, context),
  };
}
