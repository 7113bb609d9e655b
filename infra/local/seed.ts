import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { ApiClient } from './api-client.ts';
import { localDynamoClient } from './dynamodb-local.ts';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const weekdays = { workingWeekdays: [1, 2, 3, 4, 5], holidays: [] as string[] };

/** A small plant: two bought components, a stock valve, a pump made to order on two work centers. */
export const DEMO_PRODUCTS = {
  'VALVE-10': { name: 'Ball valve DN10', kind: 'stock', unitPrice: 120, purchaseLeadTimeDays: 10 },
  'MOTOR-5': { name: 'Motor 5 kW', kind: 'stock', unitPrice: 450, purchaseLeadTimeDays: 15 },
  'HOUSING-7': {
    name: 'Pump housing',
    kind: 'stock',
    unitPrice: 80,
    purchaseLeadTimeDays: 7,
    lotMultiple: 10,
  },
  'PUMP-100': {
    name: 'Centrifugal pump P100',
    kind: 'make',
    unitPrice: 1800,
    bom: [
      { sku: 'MOTOR-5', quantityPer: 1 },
      { sku: 'HOUSING-7', quantityPer: 2 },
    ],
    routing: [
      { workCenter: 'MACHINING', hoursPerUnit: 0.5, setupHours: 2 },
      { workCenter: 'ASSEMBLY', hoursPerUnit: 1, setupHours: 1 },
    ],
  },
} as const;

export const DEMO_CUSTOMERS = {
  acme: {
    name: 'ACME Industrial GmbH',
    tier: 'B',
    region: 'EU',
    locale: 'en',
    timeZone: 'Europe/Berlin',
    acceptsSplitDelivery: false,
    contacts: [{ id: 'buyer', name: 'Ada Buyer', email: 'ada.buyer@acme.example', phone: '+4915112345678' }],
    salesOwner: { name: 'Sam Sales', email: 'sam.sales@plant.example' },
  },
  globex: {
    name: '环球机械有限公司',
    tier: 'A',
    region: 'CN',
    locale: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    acceptsSplitDelivery: true,
    contacts: [{ id: 'purchasing', name: '李明', email: 'li.ming@globex.example', phone: '+8613800138000' }],
    salesOwner: { name: 'Sam Sales', email: 'sam.sales@plant.example' },
  },
} as const;

async function must(what: string, call: Promise<{ status: number; body: unknown }>) {
  const result = await call;
  if (result.status >= 300)
    throw new Error(`Seeding ${what} failed with ${result.status}: ${JSON.stringify(result.body)}`);
}

/** Seeds through the product's own API, signed as the ERP and as sales, so the seed is checked like any input. */
export async function seedDemoCatalogue(api: ApiClient): Promise<void> {
  await must(
    'plant settings',
    api.erp('PUT', '/v1/erp/supply', {
      plant: {
        timeZone: 'Europe/Berlin',
        dailyCutoff: '16:00',
        horizonDays: 365,
        plantCalendar: weekdays,
        shippingCalendar: weekdays,
        supplierCalendar: weekdays,
      },
      transit: [
        { region: 'EU', days: 2 },
        { region: 'US', days: 6 },
        { region: 'CN', days: 9 },
      ],
      workCenters: [
        { id: 'MACHINING', hoursByWeekday: { 1: 16, 2: 16, 3: 16, 4: 16, 5: 16 }, exceptions: {} },
        { id: 'ASSEMBLY', hoursByWeekday: { 1: 8, 2: 8, 3: 8, 4: 8, 5: 8 }, exceptions: {} },
      ],
    }),
  );
  for (const [sku, product] of Object.entries(DEMO_PRODUCTS))
    await must(`product ${sku}`, api.erp('PUT', `/v1/erp/products/${sku}`, product));
  await must(
    'stock and purchase orders',
    api.erp('PUT', '/v1/erp/supply', {
      stock: [
        { sku: 'VALVE-10', onHand: 500 },
        { sku: 'MOTOR-5', onHand: 40 },
        { sku: 'HOUSING-7', onHand: 100 },
      ],
      receipts: [
        { sku: 'MOTOR-5', quantity: 200, date: inDays(10), ref: 'PO-1001' },
        { sku: 'HOUSING-7', quantity: 300, date: inDays(6), ref: 'PO-1002' },
      ],
    }),
  );
  for (const [id, customer] of Object.entries(DEMO_CUSTOMERS))
    await must(`customer ${id}`, api.sales('PUT', `/v1/customers/${id}`, customer));
}

/** Marks a seeding that has not finished, so a start after a crash mid-seed seeds again. */
const SEEDING_MARKER = 'seeding.incomplete';

/**
 * Seeds the demo catalogue into an empty store only, so a restart with `--data` never writes the
 * demo data over the user's changes. Resolves with whether it seeded.
 */
export async function seedIfEmpty(options: {
  api: ApiClient;
  dynamoEndpoint: string;
  tableName: string;
  dataDir?: string;
}): Promise<boolean> {
  const marker = options.dataDir ? path.join(options.dataDir, SEEDING_MARKER) : undefined;
  const unfinished = marker ? existsSync(marker) : false;
  if (!unfinished && !(await tableIsEmpty(options.dynamoEndpoint, options.tableName))) return false;
  if (marker) await writeFile(marker, '');
  await seedDemoCatalogue(options.api);
  if (marker) await rm(marker);
  return true;
}

async function tableIsEmpty(endpoint: string, tableName: string): Promise<boolean> {
  const client = localDynamoClient(endpoint);
  try {
    const { Count = 0 } = await client.send(new ScanCommand({ TableName: tableName, Limit: 1 }));
    return Count === 0;
  } finally {
    client.destroy();
  }
}
