// Entry point: mounts the app with Element Plus in Chinese, and makes sure no error ever
// reaches the window raw: anything uncaught becomes a short Chinese message. Components are
// imported by the templates that use them (vite.config.ts); only the services called from code
// (messages, boxes, the v-loading directive) are installed here, with the Chinese locale.
import { createApp } from 'vue'
import { ElLoading, ElMessage, ElMessageBox, provideGlobalConfig } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import './styles/main.css'
import App from './App.vue'
import { toAppError } from './api'
import { timings } from './stores/timing'

function reportUncaught(error: unknown): void {
  console.error(error)
  ElMessage({ type: 'error', message: toAppError(error).message, grouping: true })
}

const app = createApp(App)
app.use(ElLoading).use(ElMessage).use(ElMessageBox)
provideGlobalConfig({ locale: zhCn }, app, true)
app.config.errorHandler = reportUncaught
window.addEventListener('unhandledrejection', (event) => {
  event.preventDefault()
  reportUncaught(event.reason)
})
// Read by the keystroke-to-panel bench (tests/e2e/measure-keystroke.mjs).
;(window as unknown as { __shenbaoTimings: typeof timings }).__shenbaoTimings = timings
app.mount('#app')
