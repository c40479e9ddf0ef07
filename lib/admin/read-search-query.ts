/** The `q` of an admin list's search params: one string, cut to what the search column can hold. */
export async function readSearchQuery(
  searchParams: Promise<Record<string, string | string[] | undefined>>,
  maxLength: number,
): Promise<string> {
  const raw = (await searchParams).q;
  return (typeof raw === "string" ? raw : "").slice(0, maxLength);
}
