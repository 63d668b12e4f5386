// The small deterministic tools the demo agents sell, one each. Every tool takes `{ text: string }` (so any agent
// can buy any of them with the same request) and answers JSON. Their descriptions are what the on-chain listing's
// metadata CID commits to.

/** A tool an agent can sell: its MCP-style description and what it computes. */
export type AgentTool = {
  name: string;
  description: string;
  run: (input: { text: string }) => Record<string, unknown>;
};

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Words that make a proposal worth a careful read (the CLO's `risk-terms`). */
const RISK_TERMS = ['upgrade', 'slash', 'treasury', 'spend', 'pause', 'guardian', 'role', 'emergency', 'unbonding', 'quorum'];
const STOP_WORDS = new Set(['the', 'a', 'an', 'to', 'of', 'and', 'or', 'in', 'on', 'for', 'by', 'is', 'at', 'with', 'it', 'demo']);

export const agentTools: Record<string, AgentTool> = {
  summary: {
    name: 'summary',
    description: 'The first sentence of a text and its length in words.',
    run: ({ text }) => ({ first: (text.split(/(?<=[.!?])\s/)[0] ?? '').trim(), words: words(text).length }),
  },
  slug: {
    name: 'slug',
    description: 'A URL slug of a text (lower case, words joined by hyphens, at most 60 characters).',
    run: ({ text }) => ({ slug: words(text).join('-').slice(0, 60).replace(/-+$/, '') }),
  },
  figures: {
    name: 'figures',
    description: 'The numbers and percentages a text mentions.',
    run: ({ text }) => ({
      numbers: (text.match(/\d+(?:[.,]\d+)*/g) ?? []).map((n) => n.replace(/,/g, '')),
      percentages: text.match(/\d+(?:\.\d+)?\s?%/g) ?? [],
    }),
  },
  'risk-terms': {
    name: 'risk-terms',
    description: 'Which risk terms (upgrade, slash, treasury, pause, role, ...) a text contains.',
    run: ({ text }) => {
      const found = RISK_TERMS.filter((term) => words(text).some((w) => w.startsWith(term)));
      return { terms: found, risky: found.length > 0 };
    },
  },
  hashtags: {
    name: 'hashtags',
    description: 'Up to three hashtags from the longest words of a text.',
    run: ({ text }) => {
      const unique = [...new Set(words(text).filter((w) => !STOP_WORDS.has(w) && !/^\d+$/.test(w)))];
      const top = unique.sort((a, b) => b.length - a.length || a.localeCompare(b)).slice(0, 3);
      return { hashtags: top.map((w) => `#${w}`) };
    },
  },
};

/** The listing's description (its metadata CID commits to it), in the shape the example tool server uses. */
export const describeTool = (tool: AgentTool) => ({
  name: tool.name,
  description: tool.description,
  inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
});
