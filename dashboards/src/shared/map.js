// An offline map of Yinchuan in SVG, drawn from the server's own region shapes (/api/geo/regions):
// districts and streets, with circle, polygon, region and point picking. No tiles, no network beyond our server.
const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 1000;
const COS = Math.cos((38.4 * Math.PI) / 180); // equirectangular, true to scale at Yinchuan's latitude
export const VIEWS = {
  city: { minLon: 105.8, maxLon: 106.93, minLat: 37.55, maxLat: 38.93 },
  urban: { minLon: 106.05, maxLon: 106.45, minLat: 38.37, maxLat: 38.6 },
};

let cached = null;
export function loadRegions() {
  cached ??= fetch('/api/geo/regions').then((r) => {
    if (!r.ok) throw new Error(`地图数据加载失败（${r.status}）`);
    return r.json();
  });
  return cached;
}

function el(name, attributes = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  parent?.appendChild(node);
  return node;
}

export class RegionMap {
  /** mode: 'none' | 'circle' | 'polygon' | 'regions' | 'point'; onChange(map) after every pick. */
  constructor(container, geo, { view = 'urban', onChange = () => {}, testid = 'map' } = {}) {
    this.geo = geo;
    this.onChange = onChange;
    this.mode = 'none';
    this.circle = null; // { lat, lon, radiusKm }
    this.polygon = []; // [{ lat, lon }]
    this.picked = new Set(); // region codes
    this.point = null; // { lat, lon }
    this.svg = el('svg', { class: 'map', 'data-testid': testid });
    container.appendChild(this.svg);
    this.base = el('g', {}, this.svg);
    this.labels = el('g', {}, this.svg);
    this.overlay = el('g', {}, this.svg);
    this.names = new Map(geo.features.map((f) => [f.properties.code, f.properties.name]));
    this.svg.addEventListener('click', (e) => this.#click(e));
    this.svg.addEventListener('dblclick', (e) => {
      e.preventDefault();
      if (this.mode === 'polygon') this.onChange(this);
    });
    this.setView(view);
  }

  setView(name) {
    this.view = VIEWS[name] ?? VIEWS.urban;
    this.viewName = name;
    const v = this.view;
    this.scale = WIDTH / ((v.maxLon - v.minLon) * COS);
    const height = Math.round((v.maxLat - v.minLat) * this.scale);
    this.svg.setAttribute('viewBox', `0 0 ${WIDTH} ${height}`);
    this.svg.dataset.view = name;
    this.#drawBase();
    this.#drawOverlay();
  }

  project(lon, lat) {
    return [(lon - this.view.minLon) * COS * this.scale, (this.view.maxLat - lat) * this.scale];
  }

  unproject(x, y) {
    return { lon: x / (COS * this.scale) + this.view.minLon, lat: this.view.maxLat - y / this.scale };
  }

  setMode(mode) {
    this.mode = mode;
    this.svg.dataset.mode = mode;
  }

  clear() {
    this.circle = null;
    this.polygon = [];
    this.picked.clear();
    this.#drawOverlay();
    this.#markPicked();
  }

  setCircle(circle) {
    this.circle = circle;
    this.#drawOverlay();
  }

  setPoint(point) {
    this.point = point;
    this.#drawOverlay();
  }

  togglePick(code, on = !this.picked.has(code)) {
    if (on) this.picked.add(code);
    else this.picked.delete(code);
    this.#markPicked();
  }

  nameOf(code) {
    return this.names.get(code) ?? code;
  }

  /** The street or district under a point (the smallest shape containing it), or null. */
  regionAt(lat, lon) {
    const inside = this.geo.features.filter((f) => f.properties.level !== 'city' && contains(f.geometry, lon, lat));
    inside.sort((a, b) => b.properties.code.length - a.properties.code.length);
    return inside[0]?.properties ?? null;
  }

  #path(geometry) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    return polygons
      .map((rings) => rings.map((ring) => `M${ring.map(([lon, lat]) => this.project(lon, lat).map((n) => n.toFixed(1)).join(',')).join('L')}Z`).join(''))
      .join('');
  }

  #drawBase() {
    this.base.replaceChildren();
    this.labels.replaceChildren();
    const order = { city: 0, district: 1, street: 2 };
    const features = [...this.geo.features].sort((a, b) => order[a.properties.level] - order[b.properties.level]);
    for (const f of features) {
      const p = f.properties;
      if (p.level === 'city') {
        el('path', { d: this.#path(f.geometry), fill: '#f7f5ee', stroke: '#5b6b80', 'stroke-width': 2 }, this.base);
        continue;
      }
      const path = el('path', { d: this.#path(f.geometry), class: p.level, 'data-code': p.code }, this.base);
      el('title', {}, path).textContent = p.name;
      const showLabel = p.level === 'district' ? this.viewName === 'city' : this.viewName === 'urban' && p.code.length === 9 && Number(p.code.slice(6)) < 100;
      if (showLabel) {
        const [x, y] = this.project(p.centre[0], p.centre[1]);
        const text = el('text', { x: x.toFixed(1), y: y.toFixed(1), class: 'label' }, this.labels);
        text.textContent = p.level === 'street' ? p.name.replace(/街道$/, '') : p.name;
      }
    }
    this.#markPicked();
  }

  #markPicked() {
    for (const path of this.base.querySelectorAll('[data-code]')) path.classList.toggle('picked', this.picked.has(path.dataset.code));
  }

  #drawOverlay() {
    this.overlay.replaceChildren();
    if (this.circle) {
      const [cx, cy] = this.project(this.circle.lon, this.circle.lat);
      const ry = (this.circle.radiusKm / 111.32) * this.scale;
      const rx = ((this.circle.radiusKm / (111.32 * Math.cos((this.circle.lat * Math.PI) / 180))) * COS) * this.scale;
      el('ellipse', { cx, cy, rx, ry, class: 'area', 'data-testid': 'map-circle' }, this.overlay);
      el('circle', { cx, cy, r: 3, class: 'vertex' }, this.overlay);
    }
    if (this.polygon.length) {
      const points = this.polygon.map((p) => this.project(p.lon, p.lat).join(',')).join(' ');
      el('polygon', { points, class: 'area', 'data-testid': 'map-polygon' }, this.overlay);
      for (const p of this.polygon) {
        const [cx, cy] = this.project(p.lon, p.lat);
        el('circle', { cx, cy, r: 3.5, class: 'vertex' }, this.overlay);
      }
    }
    if (this.point) {
      const [cx, cy] = this.project(this.point.lon, this.point.lat);
      el('circle', { cx, cy, r: 7, class: 'me', 'data-testid': 'map-me' }, this.overlay);
    }
  }

  #click(event) {
    if (this.mode === 'none') return;
    const matrix = this.svg.getScreenCTM();
    if (!matrix) return;
    const at = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    const { lat, lon } = this.unproject(at.x, at.y);
    const rounded = { lat: Math.round(lat * 1e4) / 1e4, lon: Math.round(lon * 1e4) / 1e4 };
    if (this.mode === 'circle') this.circle = { ...rounded, radiusKm: this.circle?.radiusKm ?? 3 };
    else if (this.mode === 'polygon') this.polygon.push(rounded);
    else if (this.mode === 'point') this.point = rounded;
    else if (this.mode === 'regions') {
      const code = event.target?.dataset?.code;
      if (code) this.togglePick(code);
    }
    this.#drawOverlay();
    this.onChange(this);
  }
}

/** Point in (multi)polygon, even-odd over all rings. */
export function contains(geometry, lon, lat) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let inside = false;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}
