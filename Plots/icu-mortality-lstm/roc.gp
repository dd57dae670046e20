# Kusari figure
# Draws roc.png from roc.dat (one data block per series, chosen with index).
# To restyle it, edit this file and run it from its folder:  gnuplot roc.gp

# pngcairo draws smooth lines and text; the plain png terminal is the fallback without cairo.
if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
    set terminal pngcairo size 1300,620 noenhanced font "Sans,11"
} else {
    set terminal png size 1300,620 noenhanced font "Sans,11"
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
set multiplot layout 1,2 rowsfirst

# Panel 1 of 2 (row 1, column 1)
set title "Part 1: synthetic ICU, 1000 validation stays" font ",12"
set tmargin  # automatic
set xlabel "false positive rate (1 − specificity)"
set ylabel "true positive rate (sensitivity)"
unset logscale
set format x "% h"
set xrange [0.0:1.0]
set format y "% h"
set yrange [0.0:1.0]
set xtics autofreq
set grid xtics ytics linestyle 100
set key inside reverse Left samplen 2.5 spacing 1.15 box lc rgb "#c8c8c8" opaque bottom right
plot 'roc.dat' index 0 using 1:2 with lines lt 1 lc rgb "#d62728" lw 2.5 title "LSTM, whole stay (AUC 0.932)", \
     'roc.dat' index 1 using 1:2 with lines lt 2 lc rgb "#1f77b4" lw 2.0 dt (8,5) title "admission score (AUC 0.781)", \
     'roc.dat' index 2 using 1:2 with lines lt 3 lc rgb "#2ca02c" lw 2.0 dt (8,4,1,4) title "true risk (ceiling) (AUC 0.942)", \
     'roc.dat' index 3 using 1:2 with lines lt 4 lc rgb "#909090" lw 1.0 dt (2,3) title "chance (AUC 0.5)"

# Panel 2 of 2 (row 1, column 2)
set title "Part 2: PBC, death within 5 years, 290 patients" font ",12"
set tmargin  # automatic
set xlabel "false positive rate (1 − specificity)"
set ylabel "true positive rate (sensitivity)"
unset logscale
set format x "% h"
set xrange [0.0:1.0]
set format y "% h"
set yrange [0.0:1.0]
set xtics autofreq
set grid xtics ytics linestyle 100
set key inside reverse Left samplen 2.5 spacing 1.15 box lc rgb "#c8c8c8" opaque bottom right
plot 'roc.dat' index 4 using 1:2 with lines lt 1 lc rgb "#d62728" lw 2.5 title "LSTM, first-year visits (5-fold CV) (AUC 0.889)", \
     'roc.dat' index 5 using 1:2 with lines lt 2 lc rgb "#1f77b4" lw 2.0 dt (8,5) title "Mayo risk score (AUC 0.928)", \
     'roc.dat' index 6 using 1:2 with lines lt 3 lc rgb "#909090" lw 1.0 dt (2,3) title "chance (AUC 0.5)"

unset multiplot
set output  # closes roc.png
