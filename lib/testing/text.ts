import type { ActionError } from '@/lib/actions/result';
import { translatorFor } from '@/lib/i18n/catalog';
import { renderText } from '@/lib/messages/text';

/** An action's refusal as a Chinese reader sees it (its key and parameters rendered). */
export const zhText = (e: ActionError, locale: 'zh-CN' | 'en' = 'zh-CN'): string => renderText(translatorFor(locale), { key: e.message, params: e.options.params });
