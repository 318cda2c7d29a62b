import { defineArea } from './define-area';

export default defineArea({
  'zh-CN': {},
  en: {},
});
