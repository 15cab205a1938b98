/** The options of a region choice, by name: first `none` (value ""), then every region. */
export function RegionOptions({ regions, none }: { regions: readonly { code: string; name: string }[]; none: string }) {
  return (
    <>
      <option value="">{none}</option>
      {regions.map((r) => (
        <option key={r.code} value={r.code}>
          {r.name}
        </option>
      ))}
    </>
  );
}
