import { z } from 'zod';
import { defineOperation } from '../api/operation';
import { IdSchema } from '../sync/row';
import { RoadmapSchema, StepAddSchema, StepMoveSchema, StepUpdateSchema } from './schema';

const ForAssessment = z.object({ assessmentId: IdSchema }).strict();
const ById = z.object({ id: IdSchema }).strict();

export const roadmapOperations = {
  'roadmap.get': defineOperation(ForAssessment, RoadmapSchema),
  /** Proposes steps again from the current answers; the adviser's edited, added and pinned steps stay. */
  'roadmap.generate': defineOperation(ForAssessment, RoadmapSchema),
  'roadmap.updateStep': defineOperation(StepUpdateSchema, RoadmapSchema),
  'roadmap.moveStep': defineOperation(StepMoveSchema, RoadmapSchema),
  'roadmap.addStep': defineOperation(StepAddSchema, RoadmapSchema),
  'roadmap.removeStep': defineOperation(ById, RoadmapSchema),
  'roadmap.restoreStep': defineOperation(ById, RoadmapSchema),
};
