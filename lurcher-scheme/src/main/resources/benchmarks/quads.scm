;;; Quads: a long-lived quad tree of depth DEPTH stays live while, ITERATIONS times, a garbage quad
;;; tree of depth DEPTH-1 is built and checked, and the live tree is re-checked. A node is a
;;; 5-slot vector: four children and its depth; leaves hold #f children.
;;; Usage: NTHREADS DEPTH ITERATIONS. Prints the node counts and "quads ok".

(define (make-quad depth)
  (if (= depth 0)
      (vector #f #f #f #f 0)
      (vector (make-quad (- depth 1)) (make-quad (- depth 1))
              (make-quad (- depth 1)) (make-quad (- depth 1))
              depth)))

;; Counts the nodes, checking each records its depth.
(define (check-quad q depth)
  (unless (= (vector-ref q 4) depth) (error "quads: damaged node at depth" depth))
  (if (= depth 0)
      1
      (+ 1
         (check-quad (vector-ref q 0) (- depth 1))
         (check-quad (vector-ref q 1) (- depth 1))
         (check-quad (vector-ref q 2) (- depth 1))
         (check-quad (vector-ref q 3) (- depth 1)))))

(define (quad-size depth) (if (= depth 0) 1 (+ 1 (* 4 (quad-size (- depth 1))))))

(lambda (nthreads depth iterations)
  (let ((live (make-quad depth)))
    (do ((i 0 (+ i 1))) ((= i iterations))
      (let ((garbage (make-quad (- depth 1))))
        (unless (= (check-quad garbage (- depth 1)) (quad-size (- depth 1)))
          (error "quads: wrong garbage tree size"))
        (unless (= (check-quad live depth) (quad-size depth))
          (error "quads: wrong live tree size"))))
    (display "quads live ") (display (check-quad live depth))
    (display " garbage ") (display (quad-size (- depth 1)))
    (display " iterations ") (display iterations) (newline)
    (display "quads ok") (newline)))
