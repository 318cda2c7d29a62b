'use client';
// The console's charts over @ant-design/plots. Never imported directly: ./lazy.tsx loads this module only on the
// pages that draw a chart, in the browser.
import { Bar, Column, Line } from '@ant-design/plots';

export interface SeriesPoint {
  x: string;
  y: number;
  series: string;
}

export function LinePlot({ data, height = 260 }: { data: SeriesPoint[]; height?: number }) {
  // Points drawn too: a mini-program online for a day has a one-point series, which a bare line would not show.
  return <Line data={data} xField="x" yField="y" colorField="series" height={height} point={{ shapeField: 'point', sizeField: 3 }} axis={{ x: { labelAutoHide: true } }} />;
}

export function ColumnPlot({ data, height = 260, stack = false }: { data: SeriesPoint[]; height?: number; stack?: boolean }) {
  return <Column data={data} xField="x" yField="y" colorField="series" height={height} stack={stack} group={!stack} axis={{ x: { labelAutoHide: true } }} />;
}

export function BarPlot({ data, height = 260 }: { data: Array<{ x: string; y: number }>; height?: number }) {
  return <Bar data={data} xField="x" yField="y" height={height} label={{ text: 'y', position: 'right' }} />;
}
