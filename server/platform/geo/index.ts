// Public face of the geo platform: modules import from here, not from the files behind it.
export {
  areValidCoordinates,
  assertValidCoordinates,
  distanceMeters,
  InvalidCoordinatesError,
  type BBox,
  type LngLat,
} from './coordinates.ts';
export {
  bangkokBoundingBox,
  BROWSER_SIMPLIFY_TOLERANCE_DEG,
  DISTRICTS_GEOJSON_URL,
  findDistrictByName,
  getDistrict,
  getDistrictGeometry,
  getDistrictsFeatureCollection,
  getSimplifiedDistrictsFeatureCollection,
  listDistricts,
  type District,
  type DistrictGeometry,
  type DistrictProperties,
} from './districts.ts';
export { isInsideBangkok, locateDistrict, NEAREST_DISTRICT_LIMIT_M, OUTSIDE_REASON, type DistrictLocation, type OutsideReason } from './locator.ts';
export { measureLocatorMatchRate, type LocatorMatchRate } from './locator-benchmark.ts';
