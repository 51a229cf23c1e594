"""The softmax lab: τ live, its Jacobian, and why the maximum is subtracted first."""

SECTION = "Multi-class classification"
ORDER = 43
CAPTION = "τ((1, 1000, 2)) ≈ (0, 1, 0): a smooth argmax — computed the naive way it overflows."

from nnviz.explorer import SoftmaxLab  # noqa: E402


def make(theme: str = "light"):  # the gallery passes its theme
    # Starts at the deep network's f_in = (3, -1, 1), whose softmax the slides print.
    return SoftmaxLab(f_in=[3.0, -1.0, 1.0], theme=theme)


if __name__ == "__main__":
    print(make().write("explore_softmax_lab.html"))
