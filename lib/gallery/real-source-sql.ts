/**
 * SQL condition: input row `ji` of a job is a real source of that job's result `c`. The offline model
 * (provider `local`) makes `n` results per input image, in input order, so when a job has exactly
 * inputs × n results, result k came from input ⌊k / n⌋ alone. Anything else (a provider model that combines
 * every input into each result, or a job whose results were since deleted, which breaks the count) keeps every
 * input as a source: never a wrong single source, at worst all of them.
 */
export function realSourceSql(c: string, ji: string): string {
  return `COALESCE((
    SELECT CASE WHEN rs_m.provider = 'local' AND rs_x.outs = rs_x.n * rs_x.ins THEN rs_x.in_rank = rs_x.out_rank / rs_x.n ELSE true END
      FROM edit_jobs rs_j
      LEFT JOIN models rs_m ON rs_m.id = rs_j.model
     CROSS JOIN LATERAL (SELECT
         GREATEST(1, CASE WHEN jsonb_typeof(rs_j.params::jsonb -> 'n') = 'number' THEN floor((rs_j.params::jsonb ->> 'n')::numeric)::int ELSE 1 END) AS n,
         (SELECT count(*) FROM assets rs_o WHERE rs_o.job_id = rs_j.id) AS outs,
         (SELECT count(*) FROM assets rs_o WHERE rs_o.job_id = rs_j.id AND (rs_o.created_at, rs_o.id) < (${c}.created_at, ${c}.id)) AS out_rank,
         (SELECT count(*) FROM job_inputs rs_i WHERE rs_i.job_id = rs_j.id) AS ins,
         (SELECT count(*) FROM job_inputs rs_i WHERE rs_i.job_id = rs_j.id AND rs_i.position < ${ji}.position) AS in_rank) rs_x
     WHERE rs_j.id = ${c}.job_id), true)`;
}
