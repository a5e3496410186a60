// Commands about sealed versions (定稿) and the history of changes: the generated wrappers, by name.
import { commands } from '../bindings/commands'

export const { sealApplication, listSeals, sealDiff, sealBadges, reprintSealedReviewSheet, applicationHistory } = commands
