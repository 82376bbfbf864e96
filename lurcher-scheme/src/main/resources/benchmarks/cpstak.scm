;;; cpstak: Takeuchi's function in continuation-passing style. Every call allocates a closure and
;;; every call is a tail call, so it exercises closures, the trampoline and short-lived garbage.
;;; Usage: NTHREADS REPEAT X Y Z. Prints the result, which for 18 12 6 is 7.

(define (cpstak x y z)
  (define (tak x y z k)
    (if (not (< y x))
        (k z)
        (tak (- x 1) y z
             (lambda (v1)
               (tak (- y 1) z x
                    (lambda (v2)
                      (tak (- z 1) x y
                           (lambda (v3) (tak v1 v2 v3 k)))))))))
  (tak x y z (lambda (a) a)))

(lambda (nthreads repeat x y z)
  (let loop ((i 1) (r (cpstak x y z)))
    (if (< i repeat)
        (loop (+ i 1) (cpstak x y z))
        (begin (display "cpstak ") (display r) (newline)))))
