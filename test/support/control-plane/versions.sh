# Pinned versions of the local control plane (sourced by build.sh and up.sh).
BERTH_CP_KUBERNETES=v1.36.1      # k8s.io/kubernetes: kube-apiserver, kube-controller-manager, kube-scheduler, kubectl
BERTH_CP_STAGING=v0.36.1         # the published twins of its k8s.io/* staging modules
BERTH_CP_ETCD=v3.6.8             # go.etcd.io/etcd/server/v3 (the version Kubernetes v1.36.1 pins)
BERTH_CP_KWOK=v0.8.0             # sigs.k8s.io/kwok: a fake node that runs pods and completes Jobs
BERTH_CP_ROLLOUTS=v1.10.1        # github.com/argoproj/argo-rollouts (v1.10.2+ needs go >= 1.26.10)

berth_cp_root="${BERTH_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/berth-tools}/control-plane"
# One directory per version set: a pin change builds anew, an unchanged set is reused.
berth_cp_dir="$berth_cp_root/k8s-$BERTH_CP_KUBERNETES-etcd-$BERTH_CP_ETCD-kwok-$BERTH_CP_KWOK"
berth_cp_rollouts_dir="$berth_cp_root/argo-rollouts-$BERTH_CP_ROLLOUTS"
