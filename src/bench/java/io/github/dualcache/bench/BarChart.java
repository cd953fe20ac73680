package io.github.dualcache.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A grouped bar chart drawn with Java2D (headless) to a PNG: groups along x, one colour per series,
 * optional error bars and a logarithmic y axis (for figures spanning nanoseconds to microseconds).
 */
final class BarChart {
  private static final Color[] PALETTE = {
      new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
      new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
      new Color(0xbcbd22), new Color(0x17becf), new Color(0x393b79), new Color(0xad494a)};
  private static final int WIDTH = 900;
  private static final int HEIGHT = 480;
  private static final int LEFT = 90;
  private static final int RIGHT = 20;
  private static final int TOP = 50;
  private static final int BOTTOM = 110;

  private final String title;
  private final String yLabel;
  private final boolean logScale;
  private final List<String> groups = new ArrayList<>();
  private final Map<String, Map<String, double[]>> series = new LinkedHashMap<>();

  BarChart(String title, String yLabel, boolean logScale) {
    this.title = title;
    this.yLabel = yLabel;
    this.logScale = logScale;
  }

  /** Adds one bar: {@code value ± error} of {@code seriesName} in {@code group}. */
  BarChart bar(String group, String seriesName, double value, double error) {
    if (!groups.contains(group)) {
      groups.add(group);
    }
    series.computeIfAbsent(seriesName, s -> new LinkedHashMap<>()).put(group, new double[] {value, error});
    return this;
  }

  boolean isEmpty() {
    return series.isEmpty();
  }

  void writePng(Path file) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, LEFT, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

    double max = 0;
    double min = Double.MAX_VALUE;
    for (Map<String, double[]> bars : series.values()) {
      for (double[] bar : bars.values()) {
        max = Math.max(max, bar[0] + bar[1]);
        if (bar[0] > 0) {
          min = Math.min(min, bar[0]);
        }
      }
    }
    Axis axis = logScale ? Axis.log(min, max) : Axis.linear(max);
    int plotHeight = HEIGHT - TOP - BOTTOM;
    int plotWidth = WIDTH - LEFT - RIGHT;
    drawYAxis(g, axis, plotHeight, plotWidth);

    int groupWidth = plotWidth / Math.max(1, groups.size());
    int barWidth = Math.max(4, (groupWidth - 16) / Math.max(1, series.size()));
    FontMetrics metrics = g.getFontMetrics();
    // figures on the bars when they fit (and no error bar sits there)
    boolean labelBars = barWidth >= 40 && series.values().stream().flatMap(m -> m.values().stream()).allMatch(b -> b[1] == 0);
    for (int gi = 0; gi < groups.size(); gi++) {
      String group = groups.get(gi);
      int x0 = LEFT + gi * groupWidth + 8;
      int si = 0;
      for (Map.Entry<String, Map<String, double[]>> entry : series.entrySet()) {
        double[] bar = entry.getValue().get(group);
        if (bar != null && bar[0] > 0) {
          int x = x0 + si * barWidth;
          int y = TOP + plotHeight - (int) Math.round(axis.fraction(bar[0]) * plotHeight);
          g.setColor(PALETTE[si % PALETTE.length]);
          g.fillRect(x, y, barWidth - 2, TOP + plotHeight - y);
          if (labelBars) {
            g.setColor(Color.BLACK);
            String label = format(bar[0]);
            g.drawString(label, x + (barWidth - 2 - metrics.stringWidth(label)) / 2, y - 4);
          }
          if (bar[1] > 0) {
            g.setColor(Color.BLACK);
            int high = TOP + plotHeight - (int) Math.round(axis.fraction(bar[0] + bar[1]) * plotHeight);
            int low = TOP + plotHeight - (int) Math.round(axis.fraction(Math.max(bar[0] - bar[1], axis.bottom)) * plotHeight);
            int mid = x + (barWidth - 2) / 2;
            g.drawLine(mid, high, mid, low);
            g.drawLine(mid - 3, high, mid + 3, high);
            g.drawLine(mid - 3, low, mid + 3, low);
          }
        }
        si++;
      }
      g.setColor(Color.BLACK);
      g.drawString(group, LEFT + gi * groupWidth + (groupWidth - metrics.stringWidth(group)) / 2, TOP + plotHeight + 16);
    }
    drawLegend(g, TOP + plotHeight + 36);
    g.dispose();
    try {
      ImageIO.write(image, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void drawYAxis(Graphics2D g, Axis axis, int plotHeight, int plotWidth) {
    g.setColor(Color.BLACK);
    g.drawLine(LEFT, TOP, LEFT, TOP + plotHeight);
    g.drawLine(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight);
    for (double tick : axis.ticks()) {
      int y = TOP + plotHeight - (int) Math.round(axis.fraction(tick) * plotHeight);
      g.setColor(new Color(0xdddddd));
      g.setStroke(new BasicStroke(1));
      g.drawLine(LEFT + 1, y, LEFT + plotWidth, y);
      g.setColor(Color.BLACK);
      String label = format(tick);
      g.drawString(label, LEFT - 6 - g.getFontMetrics().stringWidth(label), y + 4);
    }
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.rotate(-Math.PI / 2);
    rotated.drawString(yLabel + (logScale ? " (log scale)" : ""), -(TOP + plotHeight), 16);
    rotated.dispose();
  }

  private void drawLegend(Graphics2D g, int y) {
    int x = LEFT;
    int si = 0;
    for (String name : series.keySet()) {
      int width = g.getFontMetrics().stringWidth(name) + 30;
      if (x + width > WIDTH - RIGHT) {
        x = LEFT;
        y += 18;
      }
      g.setColor(PALETTE[si % PALETTE.length]);
      g.fillRect(x, y - 10, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString(name, x + 16, y);
      x += width;
      si++;
    }
  }

  private static String format(double value) {
    if (value >= 1e6) {
      return String.format(Locale.ROOT, "%.3gM", value / 1e6);
    }
    if (value >= 1e3) {
      return String.format(Locale.ROOT, "%.3gk", value / 1e3);
    }
    return String.format(Locale.ROOT, value >= 1 || value == 0 ? "%.3g" : "%.2g", value);
  }

  /** Maps a value to a fraction of the plot's height. */
  private record Axis(boolean log, double bottom, double top) {
    static Axis linear(double max) {
      return new Axis(false, 0, niceCeiling(max <= 0 ? 1 : max * 1.05));
    }

    static Axis log(double min, double max) {
      double bottom = Math.pow(10, Math.floor(Math.log10(min <= 0 || min == Double.MAX_VALUE ? 1 : min)));
      double top = Math.pow(10, Math.ceil(Math.log10(max <= bottom ? bottom * 10 : max)));
      return new Axis(true, bottom, top);
    }

    double fraction(double value) {
      if (log) {
        return value <= bottom ? 0 : Math.log10(value / bottom) / Math.log10(top / bottom);
      }
      return value / top;
    }

    List<Double> ticks() {
      List<Double> ticks = new ArrayList<>();
      if (log) {
        for (double t = bottom; t <= top * 1.0001; t *= 10) {
          ticks.add(t);
        }
      } else {
        for (int i = 0; i <= 5; i++) {
          ticks.add(top * i / 5);
        }
      }
      return ticks;
    }

    private static double niceCeiling(double value) {
      double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
      for (double step : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
        if (step * magnitude >= value) {
          return step * magnitude;
        }
      }
      return 10 * magnitude;
    }
  }
}
