// The one antd theme of the console: the root providers use it, and scripts/antd-css.ts bakes the static stylesheet
// with it (a different theme there would give other class hashes and the page would fall back to runtime styles).
import type { ThemeConfig } from 'antd';

// A fixed CSS-variable key: by default antd derives it from React's useId, which differs between the build that bakes
// the stylesheet and each page, so the baked component variables would never match the page's classes.
export const ANTD_THEME: ThemeConfig = { token: { colorPrimary: '#1677ff', borderRadius: 6 }, cssVar: { key: 'tinyapp' } };
