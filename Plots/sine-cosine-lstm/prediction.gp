# Kusari figure: Forecast from sample 150: 10 true inputs, then the model's own
# Draws prediction.png from prediction.dat (one data block per series, chosen with index).
# To restyle it, edit this file and run it from its folder:  gnuplot prediction.gp

# pngcairo draws smooth lines and text; the plain png terminal is the fallback without cairo.
if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
    set terminal pngcairo size 1000,700 noenhanced font "Sans,11"
} else {
    set terminal png size 1000,700 noenhanced font "Sans,11"
}
set output 'prediction.png'
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
set multiplot layout 2,1 rowsfirst title "Forecast from sample 150: 10 true inputs, then the model's own" font ",13"

# Panel 1 of 2 (row 1, column 1)
set title "0.8·sin 2t" font ",12"
set tmargin  # automatic
set xlabel "sample k"
set ylabel "value"
unset logscale
set format x "% h"
set xrange [130.0:250.0]
set format y "% h"
set yrange [-1.632038688659668:1.0]
set xtics autofreq
set grid xtics ytics linestyle 100
set key outside right top vertical reverse Left samplen 2.5 nobox
plot 'prediction.dat' index 0 using 1:2 with lines lt 1 lc rgb "#a0a0a0" lw 3.0 title "data", \
     'prediction.dat' index 1 using 1:2 with lines lt 2 lc rgb "#a0a0a0" lw 2.0 dt (2,3) title "formula, past the data", \
     'prediction.dat' index 2 using 1:2 with points lt 3 lc rgb "black" ps 0.7 title "true inputs (warm-up)", \
     'prediction.dat' index 3 using 1:2 with lines lt 4 lc rgb "#1f77b4" title "model", \
     'prediction.dat' index 4 using 1:2 with lines lt 5 lc rgb "#d62728" lw 1.0 dt (8,5) title "end of data"

# Panel 2 of 2 (row 2, column 1)
set title "0.8·cos t" font ",12"
set tmargin  # automatic
set xlabel "sample k"
set ylabel "value"
unset logscale
set format x "% h"
set xrange [130.0:250.0]
set format y "% h"
set yrange [-1.0:1.0]
set xtics autofreq
set grid xtics ytics linestyle 100
set key outside right top vertical reverse Left samplen 2.5 nobox
plot 'prediction.dat' index 5 using 1:2 with lines lt 1 lc rgb "#a0a0a0" lw 3.0 title "data", \
     'prediction.dat' index 6 using 1:2 with lines lt 2 lc rgb "#a0a0a0" lw 2.0 dt (2,3) title "formula, past the data", \
     'prediction.dat' index 7 using 1:2 with points lt 3 lc rgb "black" ps 0.7 title "true inputs (warm-up)", \
     'prediction.dat' index 8 using 1:2 with lines lt 4 lc rgb "#ff7f0e" title "model", \
     'prediction.dat' index 9 using 1:2 with lines lt 5 lc rgb "#d62728" lw 1.0 dt (8,5) title "end of data"

unset multiplot
set output  # closes prediction.png
