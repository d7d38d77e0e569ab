"""backprop: multi-layer networks and their backpropagation in NumPy.

Examples are columns everywhere: a batch of ``m`` inputs is an
``(n_0, m)`` matrix, so ``W @ A + b`` is the book's ``W a + b``.
"""

from .activations import Activation, Identity, ReLU, Sigmoid, Tanh, get_activation, sigmoid
from .costs import Cost, Quadratic, get_cost
from .datasets import line, two_moons, xor
from .gradcheck import check_gradients, relative_error
from .jacobians import Affine, Chain, Elementwise, jvp, numerical_gradient, numerical_jacobian, vjp
from .measure import best_time, loglog_fit, loglog_slope
from .metrics import accuracy
from .network import ForwardPass, Gradients, Network
from .plotting import plot_contour, plot_decision_boundary, plot_history, plot_loglog, plot_surface
from .training import History, sgd

__version__ = "0.1.0"

__all__ = [
    # network
    "Network",
    "ForwardPass",
    "Gradients",
    # building blocks
    "Activation",
    "Sigmoid",
    "Tanh",
    "ReLU",
    "Identity",
    "sigmoid",
    "get_activation",
    "Cost",
    "Quadratic",
    "get_cost",
    # Jacobians, JVPs, VJPs and their numerical checks
    "Affine",
    "Elementwise",
    "Chain",
    "vjp",
    "jvp",
    "numerical_jacobian",
    "numerical_gradient",
    "check_gradients",
    "relative_error",
    # training and scoring
    "sgd",
    "History",
    "accuracy",
    # data
    "xor",
    "two_moons",
    "line",
    # measuring and plotting
    "best_time",
    "loglog_fit",
    "loglog_slope",
    "plot_surface",
    "plot_contour",
    "plot_loglog",
    "plot_history",
    "plot_decision_boundary",
]
