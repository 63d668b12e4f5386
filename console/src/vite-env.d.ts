/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** A deployment to use when no devnet is found and nothing is saved: the RPC URL, indexer URL and deployment file's content. */
  readonly VITE_CONCLAVE_RPC_URL?: string;
  readonly VITE_CONCLAVE_INDEXER_URL?: string;
  readonly VITE_CONCLAVE_DEPLOYMENT?: string;
}
