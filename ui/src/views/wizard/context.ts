// How the wizard's steps reach the open application's store: provided by WizardView.
import { computed, inject, ref, type ComputedRef, type InjectionKey, type Ref } from 'vue'
import type { Presentation } from '../../bindings/Presentation'
import { programmeById } from '../../stores/programmes'
import { presentationOf, usesInput } from '../../wizard/presentation'
import type { DraftCheck } from '../../bindings/DraftCheck'
import type { Application } from '../../bindings/Application'
import type { ApplicationStore } from '../../stores/application'

export const STORE_KEY: InjectionKey<ApplicationStore> = Symbol('application-store')

export function useStore(): ApplicationStore {
  const store = inject(STORE_KEY)
  if (!store) throw new Error('wizard step used outside WizardView')
  return store
}

/** The loaded application; steps are only shown once it is there. */
export function useApp(): { store: ApplicationStore; app: () => Application } {
  const store = useStore()
  return { store, app: () => store.state.app as Application }
}

/**
 * Set when the open application is a co-builder draft (opened from a 共建单位材料包): what
 * concerns the unit. Provided by WizardView; null otherwise.
 */
export const DRAFT_KEY: InjectionKey<Ref<DraftCheck | null>> = Symbol('package-draft')

export function useDraft(): Ref<DraftCheck | null> {
  return inject(DRAFT_KEY, ref(null))
}

/** `uses(input)`: whether the programme's pack uses an optional input (see wizard/presentation). */
export function useInputs(): (input: string) => boolean {
  const store = useStore()
  return (input) => usesInput(input, store.state.assessment, programmeById(store.state.app?.programme ?? ''))
}

/** The programme's labels (中心名称 / 基地名称 …), reactive. */
export function usePresentation(): ComputedRef<Presentation> {
  const store = useStore()
  return computed(() => presentationOf(store.state.assessment, programmeById(store.state.app?.programme ?? '')))
}
