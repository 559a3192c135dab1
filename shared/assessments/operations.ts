import { z } from 'zod';
import { defineOperation } from '../api/operation';
import { InstrumentSchema } from '../instruments/schema';
import { IdSchema } from '../sync/row';
import {
  AnswerSaveSchema,
  AnswerSchema,
  AssessmentCreateSchema,
  AssessmentDetailSchema,
  AssessmentResultsSchema,
  AssessmentSchema,
  AssessmentSummarySchema,
  AssessmentUpdateSchema,
  InstrumentSummarySchema,
  PositionSchema,
  TargetSaveSchema,
  TargetSchema,
} from './schema';

const ById = z.object({ id: IdSchema }).strict();

export const assessmentOperations = {
  'instruments.list': defineOperation(z.object({}).strict(), z.array(InstrumentSummarySchema)),
  'instruments.get': defineOperation(
    z.object({ id: z.string().max(100), version: z.string().max(40).optional() }).strict(),
    InstrumentSchema,
  ),
  'assessments.create': defineOperation(AssessmentCreateSchema, AssessmentSchema),
  'assessments.get': defineOperation(ById, AssessmentDetailSchema),
  'assessments.listForClient': defineOperation(z.object({ companyId: IdSchema }).strict(), z.array(AssessmentSummarySchema)),
  'assessments.results': defineOperation(ById, AssessmentResultsSchema),
  'assessments.update': defineOperation(AssessmentUpdateSchema, AssessmentSchema),
  'assessments.finalise': defineOperation(ById, AssessmentSchema),
  'assessments.revise': defineOperation(ById, AssessmentSchema),
  'assessments.setPosition': defineOperation(PositionSchema.extend({ assessmentId: IdSchema }).strict(), z.object({})),
  'answers.save': defineOperation(AnswerSaveSchema, AnswerSchema),
  'targets.save': defineOperation(TargetSaveSchema, TargetSchema),
};
