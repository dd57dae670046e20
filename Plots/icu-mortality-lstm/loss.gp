# Kusari figure
# Draws loss.png from loss.dat (one data block per series, chosen with index).
# To restyle it, edit this file and run it from its folder:  gnuplot loss.gp

# pngcairo draws smooth lines and text; the plain png terminal is the fallback without cairo.
if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
    set terminal pngcairo size 1500,450 noenhanced font "Sans,11"
} else {
    set terminal png size 1500,450 noenhanced font "Sans,11"
}
set output 'loss.png'
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
set multiplot layout 1,3 rowsfirst

# Panel 1 of 3 (row 1, column 1)
set title "Part 1: training loss (mean over each epoch)" font ",12"
set tmargin  # automatic
set xlabel "epoch"
set ylabel "binary cross-entropy per valid hour"
unset logscale
set format x "% h"
set xrange [*:*]
set format y "% h"
set yrange [*:*]
set xtics 1.0
set grid xtics ytics linestyle 100
unset key
plot 'loss.dat' index 0 using 1:2 with linespoints lt 1 lc rgb "#d62728" lw 2.5 notitle

# Panel 2 of 3 (row 1, column 2)
set title "Part 1: validation AUC at the last valid hour" font ",12"
set tmargin  # automatic
set xlabel "epoch"
set ylabel "ROC AUC"
unset logscale
set format x "% h"
set xrange [*:*]
set format y "% h"
set yrange [0.5:1.0]
set xtics 1.0
set grid xtics ytics linestyle 100
unset key
plot 'loss.dat' index 1 using 1:2 with linespoints lt 1 lc rgb "#d62728" lw 2.5 notitle

# Panel 3 of 3 (row 1, column 3)
set title "Part 2: training loss, mean of the 5 folds" font ",12"
set tmargin  # automatic
set xlabel "epoch (full batch)"
set ylabel "binary cross-entropy per patient"
unset logscale
set format x "% h"
set xrange [*:*]
set format y "% h"
set yrange [*:*]
set xtics autofreq
set grid xtics ytics linestyle 100
unset key
plot 'loss.dat' index 2 using 1:2 with lines lt 1 lc rgb "#d62728" lw 2.5 notitle

unset multiplot
set output  # closes loss.png
