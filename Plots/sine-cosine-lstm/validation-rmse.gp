# Kusari figure: Validation on the test data: true input at step 1, the model's own afterwards
# Draws validation-rmse.png from validation-rmse.dat (one data block per series, chosen with index).
# To restyle it, edit this file and run it from its folder:  gnuplot validation-rmse.gp

# pngcairo draws smooth lines and text; the plain png terminal is the fallback without cairo.
if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
    set terminal pngcairo size 1300,520 noenhanced font "Sans,11"
} else {
    set terminal png size 1300,520 noenhanced font "Sans,11"
}
set output 'validation-rmse.png'
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
set multiplot layout 1,2 rowsfirst title "Validation on the test data: true input at step 1, the model's own afterwards" font ",13"

# Panel 1 of 2 (row 1, column 1)
set title "After training (support length 10)" font ",12"
set tmargin  # automatic
set xlabel "recursion step"
set ylabel "RMSE"
unset logscale
set format x "% h"
set xrange [1.0:20.0]
set format y "% h"
set yrange [*:*]
set xtics autofreq
set grid xtics ytics linestyle 100
set key inside reverse Left samplen 2.5 spacing 1.15 box lc rgb "#c8c8c8" opaque top left
plot 'validation-rmse.dat' index 0 using 1:2 with linespoints lt 1 lc rgb "#1f77b4" title "sin", \
     'validation-rmse.dat' index 1 using 1:2 with linespoints lt 2 lc rgb "#ff7f0e" title "cos", \
     'validation-rmse.dat' index 2 using 1:2 with linespoints lt 3 lc rgb "#404040" dt (8,5) title "total"

# Panel 2 of 2 (row 1, column 2)
set title "Total RMSE during training" font ",12"
set tmargin  # automatic
set xlabel "recursion step"
set ylabel "RMSE"
unset logscale
set format x "% h"
set xrange [1.0:20.0]
set logscale y 10
set format y "%g"
set yrange [*:*]
set xtics autofreq
set grid xtics ytics linestyle 100
set key outside right top vertical reverse Left samplen 2.5 nobox
plot 'validation-rmse.dat' index 3 using 1:2 with lines lt 1 lc rgb "#b5de2b" title "epoch 10", \
     'validation-rmse.dat' index 4 using 1:2 with lines lt 2 lc rgb "#8ed543" title "epoch 20", \
     'validation-rmse.dat' index 5 using 1:2 with lines lt 3 lc rgb "#68cb5c" title "epoch 30", \
     'validation-rmse.dat' index 6 using 1:2 with lines lt 4 lc rgb "#4ab670" title "epoch 40", \
     'validation-rmse.dat' index 7 using 1:2 with lines lt 5 lc rgb "#2f9d83" title "epoch 50", \
     'validation-rmse.dat' index 8 using 1:2 with lines lt 6 lc rgb "#27838c" title "epoch 60", \
     'validation-rmse.dat' index 9 using 1:2 with lines lt 7 lc rgb "#32678b" title "epoch 70", \
     'validation-rmse.dat' index 10 using 1:2 with lines lt 8 lc rgb "#3c4985" title "epoch 80", \
     'validation-rmse.dat' index 11 using 1:2 with lines lt 9 lc rgb "#40256c" title "epoch 90", \
     'validation-rmse.dat' index 12 using 1:2 with lines lt 10 lc rgb "#440154" title "epoch 100"

unset multiplot
set output  # closes validation-rmse.png
