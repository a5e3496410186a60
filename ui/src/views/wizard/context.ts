// How the wizard's steps reach the open application's store: provided by WizardView.
import { inject, type InjectionKey } from 'vue'
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
