import { z } from 'zod';

/**
 * The missions staff published (Airtable table `Missions`, `Publiée` ticked): what the partners'
 * read API serves at `/api/partners/v1/missions` (src/partners/). Whoever keeps the missions
 * (issue 11, section 3) implements this port; until then the API serves an empty list.
 *
 * The schema is the API's contract (it is in the OpenAPI document): add optional fields freely,
 * never rename or remove one.
 */
export const publishedMissionSchema = z
  .object({
    /** The need the mission comes from (`Référence besoin`): one mission per need, so also the mission's id. */
    needReference: z.string().min(1),
    /** `Titre`. */
    title: z.string(),
    /** `Structure`: two lines, anonymised unless the association agreed to be named. */
    structure: z.string(),
    /** `Problème`. */
    problem: z.string(),
    /** `Déjà essayé`. */
    tried: z.string().optional(),
    /** `Résultat attendu`. */
    expectedResult: z.string(),
    /** `Compétences`. */
    skills: z.array(z.string()),
    /** `Format`. */
    format: z.string(),
    /** `Durée`. */
    duration: z.string().optional(),
    /** `Territoire` (or remote). */
    territory: z.string().optional(),
    /** `Échéance`, YYYY-MM-DD. */
    deadline: z.iso.date().optional(),
    /** `Créée le`, ISO 8601 UTC. */
    createdAt: z.iso.datetime(),
  })
  .strict();
export type PublishedMission = z.infer<typeof publishedMissionSchema>;

export interface PublishedMissions {
  /** Every published mission, in any order (the API sorts and pages them). */
  list(): Promise<PublishedMission[]>;
}

/** No mission store yet: nothing is published. */
export const noPublishedMissions: PublishedMissions = { list: async () => [] };
