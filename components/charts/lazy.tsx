'use client';
// Charts loaded on demand in the browser: @ant-design/plots stays out of the shell and of pages without charts.
import { Skeleton } from 'antd';
import dynamic from 'next/dynamic';

const loading = () => <Skeleton.Node active style={{ width: '100%', height: 240 }} />;

export const LinePlot = dynamic(() => import('./plots').then((m) => m.LinePlot), { ssr: false, loading });
export const ColumnPlot = dynamic(() => import('./plots').then((m) => m.ColumnPlot), { ssr: false, loading });
export const BarPlot = dynamic(() => import('./plots').then((m) => m.BarPlot), { ssr: false, loading });
export type { SeriesPoint } from './plots';
