//! Screen ⇄ world: where the camera is, how far it is zoomed, and how big the canvas is.
//!
//! Screen coordinates are CSS pixels from the canvas' top-left corner; the canvas' backing
//! store is `size × dpr` device pixels, so drawing stays crisp on HiDPI screens.

/// A position in world units or CSS pixels, depending on context.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub const fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    pub fn distance_to(self, other: Point) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }

    pub fn midpoint(self, other: Point) -> Point {
        Point::new((self.x + other.x) / 2.0, (self.y + other.y) / 2.0)
    }
}

/// An axis-aligned rectangle, `min` top-left and `max` bottom-right.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub min: Point,
    pub max: Point,
}

impl Rect {
    /// The rectangle spanned by two corners given in any order.
    pub fn from_corners(a: Point, b: Point) -> Rect {
        Rect {
            min: Point::new(a.x.min(b.x), a.y.min(b.y)),
            max: Point::new(a.x.max(b.x), a.y.max(b.y)),
        }
    }

    /// The smallest rectangle around all points, or `None` for no points.
    pub fn around(points: impl IntoIterator<Item = Point>) -> Option<Rect> {
        points.into_iter().fold(None, |acc, p| {
            Some(match acc {
                None => Rect::from_corners(p, p),
                Some(r) => Rect::from_corners(
                    Point::new(r.min.x.min(p.x), r.min.y.min(p.y)),
                    Point::new(r.max.x.max(p.x), r.max.y.max(p.y)),
                ),
            })
        })
    }

    pub fn width(&self) -> f64 {
        self.max.x - self.min.x
    }

    pub fn height(&self) -> f64 {
        self.max.y - self.min.y
    }

    pub fn center(&self) -> Point {
        self.min.midpoint(self.max)
    }

    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.min.x && p.x <= self.max.x && p.y >= self.min.y && p.y <= self.max.y
    }

    pub fn grow(&self, by: f64) -> Rect {
        Rect {
            min: Point::new(self.min.x - by, self.min.y - by),
            max: Point::new(self.max.x + by, self.max.y + by),
        }
    }
}

/// The camera. `screen = (world - origin) × zoom`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// World position shown at the canvas' top-left corner.
    pub origin: Point,
    pub zoom: f64,
    /// Canvas size in CSS pixels.
    pub width: f64,
    pub height: f64,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
}

impl Viewport {
    pub const MIN_ZOOM: f64 = 0.02;
    pub const MAX_ZOOM: f64 = 8.0;
    /// One press of `+` or `-`.
    pub const ZOOM_STEP: f64 = 1.25;

    pub fn new(width: f64, height: f64, dpr: f64) -> Viewport {
        let mut v = Viewport { origin: Point::default(), zoom: 1.0, width, height, dpr: dpr.max(0.5) };
        v.center_on(Point::default());
        v
    }

    pub fn world_to_screen(&self, p: Point) -> Point {
        Point::new((p.x - self.origin.x) * self.zoom, (p.y - self.origin.y) * self.zoom)
    }

    pub fn screen_to_world(&self, p: Point) -> Point {
        Point::new(p.x / self.zoom + self.origin.x, p.y / self.zoom + self.origin.y)
    }

    /// Backing-store size of the canvas in device pixels.
    pub fn device_size(&self) -> (u32, u32) {
        let px = |css: f64| (css * self.dpr).round().max(1.0) as u32;
        (px(self.width), px(self.height))
    }

    /// The world point in the middle of the canvas.
    pub fn center_world(&self) -> Point {
        self.screen_to_world(Point::new(self.width / 2.0, self.height / 2.0))
    }

    pub fn resize(&mut self, width: f64, height: f64, dpr: f64) {
        // Keep the world point at the centre where it was.
        let centre = self.center_world();
        self.width = width;
        self.height = height;
        self.dpr = dpr.max(0.5);
        self.center_on(centre);
    }

    /// Moves the camera so that the content follows a pointer that moved by `(dx, dy)` CSS px.
    pub fn pan_by(&mut self, dx: f64, dy: f64) {
        self.origin.x -= dx / self.zoom;
        self.origin.y -= dy / self.zoom;
    }

    /// Zooms by `factor`, keeping the world point under `anchor` (screen) where it is.
    pub fn zoom_at(&mut self, anchor: Point, factor: f64) {
        if !factor.is_finite() || factor <= 0.0 {
            return;
        }
        let before = self.screen_to_world(anchor);
        self.zoom = (self.zoom * factor).clamp(Self::MIN_ZOOM, Self::MAX_ZOOM);
        self.origin = Point::new(before.x - anchor.x / self.zoom, before.y - anchor.y / self.zoom);
    }

    /// Zooms around the centre of the canvas (keyboard `+` / `-`).
    pub fn zoom_centered(&mut self, factor: f64) {
        self.zoom_at(Point::new(self.width / 2.0, self.height / 2.0), factor);
    }

    pub fn center_on(&mut self, world: Point) {
        self.origin = Point::new(
            world.x - self.width / 2.0 / self.zoom,
            world.y - self.height / 2.0 / self.zoom,
        );
    }

    /// Frames `bounds` (world) with `margin` CSS px around it, never zooming in past 1.5×.
    pub fn fit(&mut self, bounds: Rect, margin: f64) {
        let w = (self.width - 2.0 * margin).max(1.0);
        let h = (self.height - 2.0 * margin).max(1.0);
        let zoom = (w / bounds.width().max(1.0)).min(h / bounds.height().max(1.0));
        self.zoom = zoom.clamp(Self::MIN_ZOOM, 1.5);
        self.center_on(bounds.center());
    }

    /// The camera for an exported image of `bounds` (world) at `scale` device pixels per CSS
    /// pixel: zoom 1 (cells as big as on screen at 100 %), with `margin` CSS px around, zoomed
    /// out only as far as needed to keep each side within `max_px` device pixels (browsers
    /// refuse larger canvases, which would export a blank image).
    pub fn for_image(bounds: Rect, margin: f64, scale: f64, max_px: f64) -> Viewport {
        let scale = scale.max(0.5);
        let longest = bounds.width().max(bounds.height()).max(1.0);
        let zoom = ((max_px / scale - 2.0 * margin) / longest).clamp(Self::MIN_ZOOM, 1.0);
        let side = |world: f64| (world * zoom + 2.0 * margin).ceil().min((max_px / scale).floor());
        let (width, height) = (side(bounds.width()), side(bounds.height()));
        let mut v = Viewport { origin: Point::default(), zoom, width, height, dpr: scale };
        v.center_on(bounds.center());
        v
    }

    /// The part of the world the canvas shows.
    pub fn visible_world(&self) -> Rect {
        Rect::from_corners(
            self.screen_to_world(Point::new(0.0, 0.0)),
            self.screen_to_world(Point::new(self.width, self.height)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Point, b: Point) -> bool {
        a.distance_to(b) < 1e-9
    }

    #[test]
    fn screen_and_world_round_trip_at_any_zoom_and_pan() {
        let mut v = Viewport::new(800.0, 600.0, 2.0);
        v.pan_by(123.0, -45.0);
        v.zoom_at(Point::new(10.0, 20.0), 3.7);
        for p in [Point::new(0.0, 0.0), Point::new(799.0, 1.0), Point::new(-50.0, 900.0)] {
            assert!(close(v.world_to_screen(v.screen_to_world(p)), p));
        }
    }

    #[test]
    fn zoom_keeps_the_point_under_the_pointer_still() {
        let mut v = Viewport::new(800.0, 600.0, 1.0);
        let anchor = Point::new(200.0, 150.0);
        let world = v.screen_to_world(anchor);
        v.zoom_at(anchor, 2.0);
        assert!(close(v.world_to_screen(world), anchor));
        assert_eq!(v.zoom, 2.0);
    }

    #[test]
    fn zoom_is_clamped() {
        let mut v = Viewport::new(800.0, 600.0, 1.0);
        v.zoom_centered(1e9);
        assert_eq!(v.zoom, Viewport::MAX_ZOOM);
        v.zoom_centered(1e-12);
        assert_eq!(v.zoom, Viewport::MIN_ZOOM);
        v.zoom_centered(f64::NAN);
        assert_eq!(v.zoom, Viewport::MIN_ZOOM);
    }

    #[test]
    fn panning_moves_content_with_the_pointer() {
        let mut v = Viewport::new(800.0, 600.0, 1.0);
        let world = Point::new(5.0, 5.0);
        let before = v.world_to_screen(world);
        v.pan_by(30.0, -10.0);
        let after = v.world_to_screen(world);
        assert!(close(after, Point::new(before.x + 30.0, before.y - 10.0)));
    }

    #[test]
    fn fit_shows_all_of_the_bounds_inside_the_margin() {
        let mut v = Viewport::new(1000.0, 500.0, 1.0);
        let bounds = Rect::from_corners(Point::new(-2000.0, -300.0), Point::new(1000.0, 700.0));
        v.fit(bounds, 20.0);
        for corner in [bounds.min, bounds.max] {
            let s = v.world_to_screen(corner);
            assert!(s.x >= 19.999 && s.x <= 980.001 && s.y >= 19.999 && s.y <= 480.001, "{s:?}");
        }
    }

    #[test]
    fn device_size_follows_the_pixel_ratio() {
        let v = Viewport::new(640.5, 480.0, 2.0);
        assert_eq!(v.device_size(), (1281, 960));
    }

    #[test]
    fn resize_keeps_the_centre() {
        let mut v = Viewport::new(800.0, 600.0, 1.0);
        v.pan_by(100.0, 40.0);
        let centre = v.screen_to_world(Point::new(400.0, 300.0));
        v.resize(400.0, 900.0, 3.0);
        assert!(close(v.screen_to_world(Point::new(200.0, 450.0)), centre));
    }

    #[test]
    fn an_image_camera_shows_the_whole_map_within_the_size_browsers_allow() {
        let small = Rect::from_corners(Point::new(-300.0, -200.0), Point::new(500.0, 100.0));
        for scale in [1.0, 2.0, 3.0] {
            let v = Viewport::for_image(small, 24.0, scale, 8192.0);
            assert_eq!(v.zoom, 1.0, "a small map is exported at full size");
            assert_eq!(v.device_size(), ((848.0 * scale) as u32, (348.0 * scale) as u32));
            let seen = v.visible_world();
            assert!(seen.contains(small.min) && seen.contains(small.max));
        }
        let huge = Rect::from_corners(Point::new(0.0, 0.0), Point::new(40_000.0, 10_000.0));
        let v = Viewport::for_image(huge, 24.0, 3.0, 8192.0);
        let (w, h) = v.device_size();
        assert!(w <= 8192 && h <= 8192, "{w}×{h}");
        assert!(v.zoom < 1.0);
        let seen = v.visible_world();
        assert!(seen.contains(huge.min) && seen.contains(huge.max));
    }
}
