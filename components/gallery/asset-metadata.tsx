import type { ReactNode } from "react";
import type { AssetDetail } from "@/lib/gallery/get-asset-detail";
import { AssetThumbLink } from "./asset-thumb-link";

const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const number = (n: number) => n.toLocaleString("en-US");

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1">
      <dt className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{term}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

function Time({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{when.format(date)} UTC</time>;
}

function tokens(job: NonNullable<AssetDetail["job"]>): string {
  if (job.promptTokens === null && job.completionTokens === null) return "Not reported";
  const total = job.totalTokens ?? (job.promptTokens ?? 0) + (job.completionTokens ?? 0);
  return `${number(total)} (${number(job.promptTokens ?? 0)} prompt, ${number(job.completionTokens ?? 0)} completion)`;
}

/** What is known about an image: its edit (prompt, model, cost, people, time), inputs and sibling outputs. */
export function AssetMetadata({ detail, hrefOf }: { detail: AssetDetail; hrefOf: (id: string) => string }) {
  const { asset, job } = detail;
  const size = `${asset.width} × ${asset.height} px · ${(asset.bytes / 1024 / 1024).toFixed(2)} MB · ${asset.mime}`;
  return (
    <dl className="grid gap-4">
      {job ? (
        <>
          <Row term="Prompt">
            <p className="whitespace-pre-wrap break-words">{job.prompt || "—"}</p>
          </Row>
          <Row term="Model">
            {job.modelName}
            {job.modelName !== job.model ? <span className="ml-2 font-mono text-xs text-muted-foreground">{job.model}</span> : null}
          </Row>
          <Row term="Credits">{job.credits === null ? "Not settled yet" : number(job.credits)}</Row>
          {job.tokensBilled ? <Row term="Tokens">{tokens(job)}</Row> : null}
          <Row term="Edited by">{job.creator?.name ?? "Former member"}</Row>
          <Row term="Time">
            <Time date={job.finishedAt ?? job.createdAt} />
          </Row>
          <Row term={job.inputs.length === 1 ? "Input" : "Inputs"}>
            {job.inputs.length ? (
              <ul className="flex flex-wrap gap-2">
                {job.inputs.map((input) => (
                  <li key={input.position}>
                    <AssetThumbLink asset={input.asset} href={input.asset ? hrefOf(input.asset.id) : null} label={`Input ${input.position + 1}`} />
                  </li>
                ))}
              </ul>
            ) : (
              "None (text only)"
            )}
          </Row>
          <Row term={job.outputs.length === 1 ? "Output" : "Outputs"}>
            <ul className="flex flex-wrap gap-2">
              {job.outputs.map((output, i) => (
                <li key={output.id}>
                  <AssetThumbLink asset={output} href={hrefOf(output.id)} label={`Output ${i + 1}`} current={output.id === asset.id} />
                </li>
              ))}
            </ul>
          </Row>
        </>
      ) : (
        <>
          <Row term="Kind">{asset.kind === "upload" ? "Upload" : "Result (its edit is no longer recorded)"}</Row>
          {asset.originalName ? <Row term="File name">{asset.originalName}</Row> : null}
          <Row term="Uploaded by">{asset.creator?.name ?? "Former member"}</Row>
          <Row term="Time">
            <Time date={asset.createdAt} />
          </Row>
        </>
      )}
      <Row term="Image">{size}</Row>
    </dl>
  );
}
