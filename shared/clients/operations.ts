import { z } from 'zod';
import { defineOperation } from '../api/operation';
import { IdSchema } from '../sync/row';
import {
  ClientInputSchema,
  ClientListQuerySchema,
  ClientSchema,
  ClientSummarySchema,
  ClientUpdateSchema,
} from './schema';

const ById = z.object({ id: IdSchema }).strict();

export const clientOperations = {
  'clients.list': defineOperation(ClientListQuerySchema, z.array(ClientSummarySchema)),
  'clients.get': defineOperation(ById, ClientSchema),
  'clients.create': defineOperation(ClientInputSchema, ClientSchema),
  'clients.update': defineOperation(ClientUpdateSchema, ClientSchema),
  'clients.delete': defineOperation(ById, z.object({ id: IdSchema, deletedAt: z.string() })),
  'clients.restore': defineOperation(ById, ClientSchema),
};
