import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** The admin lists' search box: a plain GET form, so a search is a link that can be shared and reloaded. */
export function AdminSearchForm({ id, label, placeholder, q }: { id: string; label: string; placeholder: string; q: string }) {
  return (
    <form role="search" className="mb-6 flex max-w-md items-end gap-2">
      <div className="grid flex-1 gap-2">
        <Label htmlFor={id}>{label}</Label>
        <Input id={id} name="q" type="search" defaultValue={q} placeholder={placeholder} />
      </div>
      <Button type="submit" variant="outline">
        Search
      </Button>
    </form>
  );
}
