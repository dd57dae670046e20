# Kusari figure
# Draws loss-support5.png from loss-support5.dat (one data block per series, chosen with index).
# To restyle it, edit this file and run it from its folder:  gnuplot loss-support5.gp

# pngcairo draws smooth lines and text; the plain png terminal is the fallback without cairo.
if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
    set terminal pngcairo size 800,500 noenhanced font "Sans,11"
} else {
    set terminal png size 800,500 noenhanced font "Sans,11"
}
set output 'loss-support5.png'
set encoding utf8
set minussign  # tic labels get a real minus sign (U+2212), not a hyphen

# Series 1, 2, ... of each panel use line types 1, 2, ...: colour, width, marker (pt 7: disc).
set linetype 1 lc rgb "#1f77b4" lw 2 pt 7 ps 0.8 dt solid
set linetype 2 lc rgb "#ff7f0e" lw 2 pt 7 ps 0.8 dt solid
set linetype 3 lc rgb "#2ca02c" lw 2 pt 7 ps 0.8 dt solid
set linetype 4 lc rgb "#d62728" lw 2 pt 7 ps 0.8 dt solid
set linetype 5 lc rgb "#9467bd" lw 2 pt 7 ps 0.8 dt solid
set linetype 6 lc rgb "#8c564b" lw 2 pt 7 ps 0.8 dt solid
set linetype 7 lc rgb "#e377c2" lw 2 pt 7 ps 0.8 dt solid
set linetype 8 lc rgb "#7f7f7f" lw 2 pt 7 ps 0.8 dt solid
set linetype 9 lc rgb "#bcbd22" lw 2 pt 7 ps 0.8 dt solid
set linetype 10 lc rgb "#17becf" lw 2 pt 7 ps 0.8 dt solid
set linetype cycle 10
set border 3 lc rgb "#404040"  # left and bottom axes only
set tics nomirror out scale 0.6 textcolor rgb "#303030"
set style line 100 lc rgb "#e6e6e6" lw 1 dt solid  # the grid

# Panel 1 of 1 (row 1, column 1)
set title "Training loss, support length 5 of 10" font ",12"
set tmargin  # automatic
set xlabel "epoch"
set ylabel "MSE per step (mean over the epoch)"
unset logscale
set format x "% h"
set xrange [*:*]
set logscale y 10
set format y "%g"
set yrange [1e-05:1.0]
set xtics autofreq
set grid xtics ytics linestyle 100
set key inside reverse Left samplen 2.5 spacing 1.15 box lc rgb "#c8c8c8" opaque top right
plot 'loss-support5.dat' index 0 using 1:2 with lines lt 1 title "training loss"

set output  # closes loss-support5.png
