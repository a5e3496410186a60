// ESLint flat config: Vue 3 + TypeScript, a modest rule set on top of the recommended ones.
import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'

export default defineConfigWithVueTs(
  {
    name: 'shenbao/ignores',
    // src/bindings is generated from Rust by ts-rs.
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'src/bindings/**'],
  },
  {
    name: 'shenbao/files',
    files: ['**/*.{ts,vue,js}'],
  },
  js.configs.recommended,
  pluginVue.configs['flat/essential'],
  vueTsConfigs.recommended,
  {
    name: 'shenbao/rules',
    rules: {
      eqeqeq: ['error', 'always'],
      'no-console': ['warn', { allow: ['warn', 'error'] }],
      'prefer-const': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'vue/block-lang': ['error', { script: { lang: 'ts' } }],
      'vue/component-api-style': ['error', ['script-setup']],
      'vue/no-unused-refs': 'error',
      'vue/require-explicit-emits': 'error',
    },
  },
)
