/**
 * A table of one measure per row and one column per size, then the growth factor between
 * neighbouring sizes next to the size factor: a measure that grows ×10 when the work grows ×10
 * is linear; ×30 or ×100 is the super-linear growth this table is there to show.
 */
import { printTable } from '../table';

export interface GrowthRow {
  measure: string;
  /** One value per size, in the unit `format` prints. */
  values: number[];
  format: (value: number) => string;
}

export function printGrowthTable(title: string, unit: string, sizes: number[], rows: GrowthRow[]): void {
  const header = ['measure', ...sizes.map((n) => `${n.toLocaleString('en')} ${unit}`)];
  for (let i = 1; i < sizes.length; i++) header.push(`growth ${sizes[i - 1]!.toLocaleString('en')}→${sizes[i]!.toLocaleString('en')} (×${(sizes[i]! / sizes[i - 1]!).toFixed(0)} work)`);
  const body = rows.map((r) => {
    const cells = [r.measure, ...r.values.map(r.format)];
    for (let i = 1; i < r.values.length; i++) cells.push(growth(r.values[i - 1]!, r.values[i]!));
    return cells;
  });
  printTable(title, header, body);
}

function growth(from: number, to: number): string {
  if (!(from > 0) || !Number.isFinite(to)) return '–';
  return `×${(to / from).toFixed(to / from < 10 ? 2 : 1)}`;
}
