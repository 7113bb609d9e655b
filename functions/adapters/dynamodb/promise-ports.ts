/**
 * The promise use cases' ports (usecases/promise/ports.ts) on the DynamoDB table: promise records
 * and their dependency items (promise-repository.ts), supply and holds (supply-repository.ts).
 */
import type { PromiseRecordStore, SupplyRepository } from '../../usecases/promise/ports.ts';
import * as records from './promise-repository.ts';
import * as supply from './supply-repository.ts';

export const dynamoPromiseRecords: PromiseRecordStore = {
  get: records.getPromiseRecord,
  getMany: records.getPromiseRecords,
  put: records.putPromiseRecord,
  writeDependencies: records.writeDependencies,
  deleteDependencies: records.deleteDependencies,
  findDependents: records.findDependents,
};

export const dynamoSupply: SupplyRepository = {
  loadSnapshot: supply.loadSnapshot,
  getProducts: supply.getProducts,
  definedWorkCenters: supply.definedWorkCenters,
  plantTimeZone: async () => (await supply.getPlant()).timeZone,
  putProduct: supply.putProduct,
  applySupplyUpdate: supply.applySupplyUpdate,
  holdsPerTransaction: supply.HOLDS_PER_TRANSACTION,
  // The versions are the ones this adapter's loadSnapshot returned; the record's conditional
  // write joins the holds' transaction, so both commit or neither does.
  commitHolds: (orderId, holds, versions, record) =>
    supply.commitHolds(
      orderId,
      holds,
      versions as supply.AllocationVersions,
      record ? [records.promiseRecordWrite(record.next, record.read)] : [],
    ),
  deleteHolds: supply.deleteHolds,
};
