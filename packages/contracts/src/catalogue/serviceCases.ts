import { z } from 'zod';
import { catalogueEntry } from './catalogueEntry.ts';
import {
  actorTypeField,
  idField,
  labelField,
  textField,
  touchpointData,
} from './catalogueFields.ts';

export const CASE_KINDS = [
  'inquiry',
  'complaint',
  'fault_report',
  'service_request',
  'return',
  'tariff_inquiry',
] as const;

export const CASE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

const priority = z.enum(CASE_PRIORITIES);

/** Digest §1.3 C: service requests from opening to resolution, and complaints. */
export const serviceCases = {
  'case.opened': catalogueEntry(
    'A service case (inquiry, complaint, fault report, …) was opened.',
    touchpointData({
      caseId: idField,
      kind: z.enum(CASE_KINDS),
      priority: priority.optional(),
      category: labelField.optional(),
      subcategory: labelField.optional(),
      description: textField.optional(),
      orderId: idField.optional(),
    }),
  ),
  'case.first_response': catalogueEntry(
    'The first answer to the customer on a case, by a bot or an agent.',
    touchpointData({
      caseId: idField,
      responderType: z.enum(['bot', 'agent']),
      responderId: idField.optional(),
      elapsedSeconds: z
        .int()
        .nonnegative()
        .optional()
        .describe('Seconds from case.opened to this response'),
    }),
  ),
  'case.escalated': catalogueEntry(
    'The case was escalated to a higher support level or another department.',
    touchpointData({
      caseId: idField,
      fromLevel: z.int().positive().optional(),
      toLevel: z.int().positive().optional(),
      toDepartment: labelField.optional(),
      reason: labelField.optional(),
    }).refine((data) => data.toLevel !== undefined || data.toDepartment !== undefined, {
      message: 'toLevel or toDepartment is required',
      path: ['toLevel'],
    }),
  ),
  'case.resolved': catalogueEntry(
    'The case was resolved.',
    touchpointData({
      caseId: idField,
      resolutionCode: labelField.optional(),
      resolvedBy: actorTypeField.optional(),
      contactCount: z
        .int()
        .positive()
        .optional()
        .describe('How many contacts the customer needed until resolution'),
    }),
  ),
  'case.reopened': catalogueEntry(
    'A resolved case was reopened: the problem came back or was not solved.',
    touchpointData({ caseId: idField, reason: labelField.optional() }),
  ),
  'complaint.filed': catalogueEntry(
    'The customer filed a complaint (about a product, an order, a case or the service).',
    touchpointData({
      category: labelField,
      severity: z.enum(['low', 'medium', 'high', 'critical']).optional(),
      complaintId: idField.optional(),
      caseId: idField.optional(),
      orderId: idField.optional(),
      description: textField.optional(),
    }),
  ),
} as const;
