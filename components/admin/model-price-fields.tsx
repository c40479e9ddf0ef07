import type { FormState } from "@/lib/actions/form-state";
import { FormField } from "@/components/ui/form-field";

type Values = { perRequest: number; perImage: number; per1kPrompt: number; per1kCompletion: number; tokenCeiling: number; upstreamName: string | null; enabled: boolean };

const FIELDS = [
  ["perRequest", "Per request"],
  ["perImage", "Per image"],
  ["per1kPrompt", "Per 1k prompt tokens"],
  ["per1kCompletion", "Per 1k completion tokens"],
  ["tokenCeiling", "Token ceiling"],
] as const;

/** Prices (integer credits), the token ceiling, the upstream name and the switch; `prefix` keeps ids unique per row. */
export function ModelPriceFields({ prefix, state, current }: { prefix: string; state: FormState; current?: Values }) {
  const v = (name: string, fallback: string) => state.values?.[name] ?? fallback;
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      {FIELDS.map(([name, label]) => (
        <FormField key={name} id={`${prefix}-${name}`} name={name} label={label} inputMode="numeric" required defaultValue={v(name, String(current?.[name] ?? 0))} errors={state.fieldErrors?.[name]} />
      ))}
      <FormField id={`${prefix}-upstreamName`} name="upstreamName" label="Upstream name" hint="Empty: the public id." defaultValue={v("upstreamName", current?.upstreamName ?? "")} errors={state.fieldErrors?.upstreamName} />
      <label className="flex items-center gap-2 text-sm sm:col-span-3">
        <input type="checkbox" name="enabled" value="on" defaultChecked={current?.enabled ?? true} /> Enabled
      </label>
    </div>
  );
}
