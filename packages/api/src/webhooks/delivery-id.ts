/**
 * SQL for a delivery's id, made from its event's and endpoint's ids (`whdel_<the event id's time
 * and random part>_<8 hex of the endpoint id's md5>`): one per pair, sorting like the events.
 */
export function deliveryIdSql(eventIdSql: string, endpointIdSql: string): string {
  return `'whdel_' || substr(${eventIdSql}, 5) || '_' || substr(md5(${endpointIdSql}), 1, 8)`;
}
