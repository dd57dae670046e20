# Kusari figure
# Draws roc.png from roc.dat (one data block per series, chosen with index).
# To restyle it, edit this file and run it from its folder:  gnuplot roc.gp

# pngcairo draws smooth lines and text; the plain png terminal is the fallback without cairo.
if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
    set terminal pngcairo size 1500,500 noenhanced font "Sans,11"
} else {
    set terminal png size 1500,500 noenhanced font "Sans,11"
}
set output 'roc.png'
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
set title "fault rho35" font ",12"
set tmargin  # automatic
set xlabel "false-positive rate"
set ylabel "true-positive rate"
unset logscale
set format x "% h"
set xrange [0.0:1.0]
set format y "% h"
set yrange [0.0:1.0]
set xtics autofreq
set grid xtics ytics linestyle 100
set key inside reverse Left samplen 2.5 spacing 1.15 box lc rgb "#c8c8c8" opaque bottom right
plot 'roc.dat' index 0 using 1:2 with lines lt 1 lc rgb "#d62728" title "lstm_vae 0.82", \
     'roc.dat' index 1 using 1:2 with lines lt 2 lc rgb "#1f77b4" title "lstm_ae 0.79", \
     'roc.dat' index 2 using 1:2 with lines lt 3 lc rgb "#2ca02c" title "pca 0.68", \
     'roc.dat' index 3 using 1:2 with lines lt 4 lc rgb "#7f7f7f" title "amplitude 0.78", \
     'roc.dat' index 4 using 1:2 with lines lt 5 lc rgb "#303030" dt (8,5) notitle

# Panel 2 of 3 (row 1, column 2)
set title "fault sigma14" font ",12"
set tmargin  # automatic
set xlabel "false-positive rate"
set ylabel "true-positive rate"
unset logscale
set format x "% h"
set xrange [0.0:1.0]
set format y "% h"
set yrange [0.0:1.0]
set xtics autofreq
set grid xtics ytics linestyle 100
set key inside reverse Left samplen 2.5 spacing 1.15 box lc rgb "#c8c8c8" opaque bottom right
plot 'roc.dat' index 5 using 1:2 with lines lt 1 lc rgb "#d62728" title "lstm_vae 0.64", \
     'roc.dat' index 6 using 1:2 with lines lt 2 lc rgb "#1f77b4" title "lstm_ae 0.65", \
     'roc.dat' index 7 using 1:2 with lines lt 3 lc rgb "#2ca02c" title "pca 0.63", \
     'roc.dat' index 8 using 1:2 with lines lt 4 lc rgb "#7f7f7f" title "amplitude 0.49", \
     'roc.dat' index 9 using 1:2 with lines lt 5 lc rgb "#303030" dt (8,5) notitle

# Panel 3 of 3 (row 1, column 3)
set title "fault rho30" font ",12"
set tmargin  # automatic
set xlabel "false-positive rate"
set ylabel "true-positive rate"
unset logscale
set format x "% h"
set xrange [0.0:1.0]
set format y "% h"
set yrange [0.0:1.0]
set xtics autofreq
set grid xtics ytics linestyle 100
set key inside reverse Left samplen 2.5 spacing 1.15 box lc rgb "#c8c8c8" opaque bottom right
plot 'roc.dat' index 10 using 1:2 with lines lt 1 lc rgb "#d62728" title "lstm_vae 0.61", \
     'roc.dat' index 11 using 1:2 with lines lt 2 lc rgb "#1f77b4" title "lstm_ae 0.62", \
     'roc.dat' index 12 using 1:2 with lines lt 3 lc rgb "#2ca02c" title "pca 0.58", \
     'roc.dat' index 13 using 1:2 with lines lt 4 lc rgb "#7f7f7f" title "amplitude 0.61", \
     'roc.dat' index 14 using 1:2 with lines lt 5 lc rgb "#303030" dt (8,5) notitle

unset multiplot
set output  # closes roc.png
