/**
 * Pictures and tables for multimodal models: {@link dev.ratchet.images.CiScreenshot} draws a gate's
 * log as a CI log viewer would show it, and {@link dev.ratchet.images.Flamegraphs} reads the
 * hottest frames out of a flamegraph SVG.
 *
 * <p>Both take untrusted text (what the code under test printed, an SVG a profiler wrote) and use
 * the JDK only: Java2D and ImageIO, and the JDK's StAX parser with DTDs and entities off. Output is
 * bounded: the PNG is at most 1600×4000 pixels, and the SVG is read up to 20 MiB.
 */
package dev.ratchet.images;
