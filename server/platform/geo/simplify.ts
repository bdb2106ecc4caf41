/**
 * Douglas–Peucker line simplification for polygon rings, used to ship district
 * outlines to browsers at a fraction of their surveyed size. Tolerances are in
 * degrees because the browser map draws in degrees; 0.0003° is about 33 m in
 * Bangkok, below what anyone sees at city zoom.
 */

type Position = number[];

/** Squared planar distance from p to segment a–b, in squared degrees. */
function squaredDistanceToSegment(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared));
  const ex = p[0] - (a[0] + t * dx);
  const ey = p[1] - (a[1] + t * dy);
  return ex * ex + ey * ey;
}

/**
 * Simplifies an open polyline, always keeping both ends. An explicit stack rather
 * than recursion: the largest district rings have over 5,000 vertices.
 */
export function simplifyLine(points: readonly Position[], tolerance: number): Position[] {
  if (points.length <= 2) return points.map((p) => [...p]);
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const toleranceSquared = tolerance * tolerance;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let farthestDistance = toleranceSquared;
    for (let i = first + 1; i < last; i++) {
      const d = squaredDistanceToSegment(points[i], points[first], points[last]);
      if (d > farthestDistance) {
        farthest = i;
        farthestDistance = d;
      }
    }
    if (farthest !== -1) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  const result: Position[] = [];
  for (let i = 0; i < points.length; i++) if (keep[i]) result.push([...points[i]]);
  return result;
}

/**
 * Simplifies a closed ring (first position equals last). A closed ring has no
 * natural baseline, so it is cut at the vertex farthest from its start and the two
 * halves are simplified separately. A ring that would collapse below a triangle
 * is returned unchanged, so no district ever disappears from the map.
 */
export function simplifyRing(ring: readonly Position[], tolerance: number): Position[] {
  if (ring.length <= 4) return ring.map((p) => [...p]);
  const start = ring[0];
  let cut = 1;
  let cutDistance = -1;
  for (let i = 1; i < ring.length - 1; i++) {
    const d = (ring[i][0] - start[0]) ** 2 + (ring[i][1] - start[1]) ** 2;
    if (d > cutDistance) {
      cut = i;
      cutDistance = d;
    }
  }
  const firstHalf = simplifyLine(ring.slice(0, cut + 1), tolerance);
  const secondHalf = simplifyLine(ring.slice(cut), tolerance);
  const simplified = [...firstHalf, ...secondHalf.slice(1)];
  return simplified.length >= 4 ? simplified : ring.map((p) => [...p]);
}
