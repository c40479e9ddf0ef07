/** Integer credit prices of a model, as snapshotted on a hold at admission. */
export type ModelPrices = {
  perRequest: number;
  perImage: number;
  per1kPrompt: number;
  per1kCompletion: number;
  tokenCeiling: number;
};

/** A catalog model as the request path sees it. */
export type CatalogModel = {
  id: string;
  displayName: string;
  provider: "upstream" | "local";
  /** The name sent upstream (defaults to the public id). */
  upstreamName: string;
  /** One line for the studio's model picker ("" when the catalog has none). */
  description: string;
  /** A typical edit's duration in seconds (one image, one result); null when not known. */
  typicalSeconds: number | null;
  /** Enabled in the catalog AND usable here (upstream models need UPSTREAM_BASE_URL). */
  usable: boolean;
  prices: ModelPrices;
  createdAt: Date;
};
