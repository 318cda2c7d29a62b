// The templates pages (issue 6): the provider's templates, their versions, ext config and each merchant's own values.
import { defineArea } from './define-area';

export default defineArea({
  'zh-CN': {
    templates: {
      title: '模板',
      empty: '还没有模板',
      columns: { templateId: '模板 ID', name: '名称', instances: '实例数（平台）', versions: '实例的版本分布', batches: '实例化批次' },
    },
  },
  en: {
    templates: {
      title: 'Templates',
      empty: 'No templates yet',
      columns: { templateId: 'Template ID', name: 'Name', instances: 'Instances (platform)', versions: 'Instance versions', batches: 'Batches' },
    },
  },
});
