import { tokens } from '@fluentui/react-components';

/** Decorative logo: four tiles, the two-tier channel drawn as squares. */
export function BrandMark({ size = 20 }: { size?: number }) {
  const gap = size / 10;
  const tile = (size - gap) / 2;
  return (
    <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden="true" focusable="false">
      <rect x={0} y={0} width={tile} height={tile} fill={tokens.colorBrandBackground} />
      <rect x={tile + gap} y={0} width={tile} height={tile} fill={tokens.colorPaletteTealForeground2} />
      <rect x={0} y={tile + gap} width={tile} height={tile} fill={tokens.colorPaletteMarigoldForeground2} />
      <rect x={tile + gap} y={tile + gap} width={tile} height={tile} fill={tokens.colorPaletteBerryForeground2} />
    </svg>
  );
}
