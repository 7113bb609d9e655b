/**
 * The adapters the API's thin handlers reach without a use case of their own: who a caller is
 * (tracking links, the ERP secret, spent signatures), the health check's table, and the plain
 * order list. Bound here, so handlers and use cases import no adapter.
 */
export { getTrack } from '../../adapters/dynamodb/tracking-repository.ts';
export { secret } from '../../adapters/secrets/secret.ts';
export { useSignatureOnce } from '../../adapters/dynamodb/signature-repository.ts';
export { tableStatus } from '../../adapters/dynamodb/table-status.ts';
export { listOrders } from '../../adapters/dynamodb/order-repository.ts';
