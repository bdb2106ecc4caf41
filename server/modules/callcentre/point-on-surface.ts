/**
 * A representative point that is guaranteed to lie inside a polygon, as far from its
 * edges as a short search can find ("pole of inaccessibility"). A bounding-box centre
 * or a centroid can fall outside a crescent-shaped district, or in the river next to
 * it; a report filed "somewhere in Bang Rak" must at least be routed to Bang Rak.
 * The search is the grid-refinement idea of Garcia-Castellanos & Lombardo (2007), as
 * popularised by Mapbox's "polylabel"; written here for our rings and units.
 *
 * Works on a local flat projection (longitude scaled by cos(latitude)), fine for a
 * city-sized shape. Pure: no I/O, no shared state.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

type Ring = readonly Position[];
type Rings = readonly Ring[];

/** Squared distance from (px, py) to the segment a–b. */
function segmentDistanceSq(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  let x = ax;
  let y = ay;
  let dx = bx - x;
  let dy = by - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = bx;
      y = by;
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = px - x;
  dy = py - y;
  return dx * dx + dy * dy;
}

/**
 * Distance from a point to the polygon's boundary: positive inside, negative outside
 * (even–odd rule over every ring, so holes count as outside).
 */
export function signedDistance(x: number, y: number, rings: Rings): number {
  let inside = false;
  let best = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax, ay] = ring[i];
      const [bx, by] = ring[j];
      if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
      const d = segmentDistanceSq(x, y, ax, ay, bx, by);
      if (d < best) best = d;
    }
  }
  return (inside ? 1 : -1) * Math.sqrt(best);
}

interface Cell {
  x: number;
  y: number;
  /** Half the cell's side. */
  h: number;
  /** Signed distance of the centre. */
  d: number;
  /** The best any point in the cell could reach. */
  max: number;
}

function cell(x: number, y: number, h: number, rings: Rings): Cell {
  const d = signedDistance(x, y, rings);
  return { x, y, h, d, max: d + h * Math.SQRT2 };
}

/** A small binary max-heap on `max`: the search always splits the most promising cell. */
class CellQueue {
  private readonly items: Cell[] = [];
  get size() {
    return this.items.length;
  }
  push(c: Cell) {
    const a = this.items;
    a.push(c);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent].max >= a[i].max) break;
      [a[parent], a[i]] = [a[i], a[parent]];
      i = parent;
    }
  }
  pop(): Cell {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].max > a[m].max) m = l;
        if (r < a.length && a[r].max > a[m].max) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return Math.abs(sum) / 2;
}

/** Area-weighted centroid of the outer ring: a good first guess for convex-ish shapes. */
function centroid(ring: Ring): [number, number] {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[i][0] * ring[j][1] - ring[j][0] * ring[i][1];
    cx += (ring[i][0] + ring[j][0]) * f;
    cy += (ring[i][1] + ring[j][1]) * f;
    a += f * 3;
  }
  return a === 0 ? [ring[0][0], ring[0][1]] : [cx / a, cy / a];
}

/** Pole of inaccessibility of one polygon (rings already projected); precision in projected units. */
function poleOfInaccessibility(rings: Rings, precision: number): { x: number; y: number; d: number } {
  const outer = rings[0];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of outer) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  const size = Math.min(maxX - minX, maxY - minY);
  const [gx, gy] = centroid(outer);
  let best = cell(gx, gy, 0, rings);
  if (size === 0) return best;
  const h = size / 2;
  const queue = new CellQueue();
  for (let x = minX; x < maxX; x += size) {
    for (let y = minY; y < maxY; y += size) queue.push(cell(x + h, y + h, h, rings));
  }
  const middle = cell(minX + (maxX - minX) / 2, minY + (maxY - minY) / 2, 0, rings);
  if (middle.d > best.d) best = middle;
  while (queue.size > 0) {
    const c = queue.pop();
    if (c.d > best.d) best = c;
    // Nothing in this cell can beat the best by more than the precision asked for.
    if (c.max - best.d <= precision) continue;
    const q = c.h / 2;
    queue.push(cell(c.x - q, c.y - q, q, rings));
    queue.push(cell(c.x + q, c.y - q, q, rings));
    queue.push(cell(c.x - q, c.y + q, q, rings));
    queue.push(cell(c.x + q, c.y + q, q, rings));
  }
  return best;
}

export interface SurfacePoint {
  lng: number;
  lat: number;
  /** Distance from the point to the nearest edge, in metres (approximate). */
  clearance_m: number;
}

const METRES_PER_DEGREE = 111_320;

/**
 * A point inside the shape (the largest part of a MultiPolygon), far from its edges.
 * `precisionM` bounds how much farther from the edge the true optimum could be.
 */
export function pointOnSurface(geometry: Polygon | MultiPolygon, precisionM = 20): SurfacePoint {
  const polygons: Position[][][] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const largest = polygons.reduce((a, b) => (ringArea(b[0]) > ringArea(a[0]) ? b : a));
  // Project around the shape's first vertex so a degree east counts as much ground as a degree north.
  const lat0 = largest[0][0][1];
  const lng0 = largest[0][0][0];
  const k = Math.cos((lat0 * Math.PI) / 180);
  const rings: Position[][] = largest.map((ring) => ring.map(([lng, lat]) => [(lng - lng0) * k, lat - lat0]));
  const best = poleOfInaccessibility(rings, precisionM / METRES_PER_DEGREE);
  if (!(best.d > 0)) throw new Error('pointOnSurface: no interior point found (degenerate polygon)');
  return { lng: best.x / k + lng0, lat: best.y + lat0, clearance_m: Math.round(best.d * METRES_PER_DEGREE) };
}
